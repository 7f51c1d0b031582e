package io.updraft.batch;

import java.util.List;

/** One page of a list and the total the paging fields report. */
public record Page<T>(List<T> items, int total) {
}
