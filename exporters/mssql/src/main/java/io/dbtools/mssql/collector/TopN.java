package io.dbtools.mssql.collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Keeps the N largest items by a key; the caller folds the rest into an {@code other} series. */
final class TopN {

    record Split<T>(List<T> top, List<T> rest) {}

    private TopN() {}

    static <T> Split<T> split(List<T> items, int n, ToDoubleFunction<T> key) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble(key).reversed());
        int cut = Math.max(0, Math.min(n, sorted.size()));
        return new Split<>(List.copyOf(sorted.subList(0, cut)), List.copyOf(sorted.subList(cut, sorted.size())));
    }
}
