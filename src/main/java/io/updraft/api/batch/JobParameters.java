package io.updraft.api.batch;

import io.updraft.api.ActionContext;
import io.updraft.batch.Tag;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parameter shapes several batch Actions share. Only the shape is checked here (pairs, counts, duplicates of a
 * repeat list); what the values mean is the batch rules' business ({@code io.updraft.batch}).
 */
final class JobParameters {
    private JobParameters() {
    }

    /** {@code Tag.N.Key}/{@code Tag.N.Value} (UpdateOTAJob: {@code Tags.N.*}), given in pairs. */
    static List<Tag> tags(ActionContext ctx, String prefix) {
        List<Tag> tags = new ArrayList<>();
        for (Map<String, String> item : ctx.indexed(prefix)) {
            String key = item.get("Key");
            String value = item.get("Value");
            if (key == null || value == null) {
                throw new ApiException(ErrorCode.JOB_TAG_INVALID,
                        prefix + ".N.Key and " + prefix + ".N.Value must be given in pairs.");
            }
            tags.add(new Tag(key, value));
        }
        return tags;
    }

    /** A required repeat list ({@code TaskId.N}, {@code DeviceName.N} …): {@code Missing<Name>} when absent. */
    static List<String> requiredList(ActionContext ctx, String name) {
        List<String> values = ctx.list(name);
        if (values.isEmpty()) {
            throw ApiException.missing(name);
        }
        return values;
    }

    /** A repeat list of device names: at most {@code max}, each once. */
    static List<String> deviceNames(List<String> names, String parameter, int max) {
        if (names.size() > max) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                    parameter + ".N takes at most " + max + " device names; " + names.size() + " were given.");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                        parameter + ".N names " + name + " more than once.");
            }
        }
        return names;
    }

    /** A required repeat list of TaskIds: 1 to {@code max}. */
    static List<String> taskIds(ActionContext ctx, int max) {
        List<String> ids = requiredList(ctx, "TaskId");
        if (ids.size() > max) {
            throw new ApiException(ErrorCode.TOO_MANY_TASKS, max);
        }
        return ids;
    }
}
