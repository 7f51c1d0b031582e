package io.updraft.batch;

import java.util.Optional;

/** TaskId = JobId (fixed length) + the task's row number in decimal; parsed back without a lookup table. */
public final class TaskIds {
    /** Length of every JobId Updraft makes. */
    public static final int JOB_ID_LENGTH = 24;

    private TaskIds() {
    }

    public static String of(String jobId, long taskPk) {
        return jobId + taskPk;
    }

    public record Parsed(String jobId, long taskPk) {
    }

    public static Optional<Parsed> parse(String taskId) {
        if (taskId == null || taskId.length() <= JOB_ID_LENGTH || taskId.length() > JOB_ID_LENGTH + 18) {
            return Optional.empty();
        }
        String digits = taskId.substring(JOB_ID_LENGTH);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Parsed(taskId.substring(0, JOB_ID_LENGTH), Long.parseLong(digits)));
    }
}
