package io.updraft.api.batch;

import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Page;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;

/** CurrentPage/PageSize of the batch and task lists, checked against each Action's documented limits. */
record Paging(int currentPage, int pageSize) {
    /** ListOTATaskByJob: CurrentPage × PageSize may not pass 100,000 (ota-api.md §A.4). */
    static final long MAX_DEPTH = 100_000;
    static final int DEFAULT_PAGE_SIZE = 10;

    /** The job lists: both required. */
    static Paging required(ActionContext ctx, int maxPageSize) {
        return checked(ctx.requiredInt("PageSize"), ctx.requiredInt("CurrentPage"), maxPageSize, Long.MAX_VALUE);
    }

    /** ListOTATaskByJob: both optional (10 per page, page 1), and no deeper than {@link #MAX_DEPTH}. */
    static Paging optionalWithDepthLimit(ActionContext ctx, int maxPageSize) {
        return checked(ctx.optionalInt("PageSize").orElse(DEFAULT_PAGE_SIZE), ctx.optionalInt("CurrentPage").orElse(1),
                maxPageSize, MAX_DEPTH);
    }

    private static Paging checked(int pageSize, int currentPage, int maxPageSize, long maxDepth) {
        if (pageSize < 1 || pageSize > maxPageSize || currentPage < 1) {
            throw new ApiException(ErrorCode.INVALID_PAGE_PARAMS,
                    "PageSize must be 1 to " + maxPageSize + " and CurrentPage at least 1.");
        }
        if ((long) currentPage * pageSize > maxDepth) {
            throw new ApiException(ErrorCode.INVALID_PAGE_PARAMS,
                    "CurrentPage × PageSize must be at most " + maxDepth + ".");
        }
        return new Paging(currentPage, pageSize);
    }

    /** The paging fields of the response, then the items under {@code Data.<itemName>[]}. */
    ActionResult render(Page<?> page, String itemName, java.util.List<?> items) {
        return ActionResult.empty()
                .put("CurrentPage", currentPage)
                .put("PageSize", pageSize)
                .put("PageCount", (page.total() + pageSize - 1) / pageSize)
                .put("Total", page.total())
                .put("Data", ActionResult.object(itemName, items));
    }
}
