package io.updraft.api;

/**
 * One documented request parameter of an Action, as the API Explorer shows it and generates its form and sample code
 * from: wire name, type, required or not, and the documented limits in words. The Action itself still validates
 * (this is documentation in the same table, never a second validator).
 *
 * @param limits the documented rule, e.g. "1-64 of A-Z a-z 0-9 . - _"; empty when the reference states none
 * @param fields for {@link Type#LIST} (flattened {@code Name.N.Field}): the fields of one item; none for a list of
 *               plain values ({@code Name.N})
 */
public record Parameter(String name, Type type, boolean required, String limits, java.util.List<String> fields) {
    public enum Type { STRING, INTEGER, BOOLEAN, LIST }

    public static Parameter required(String name, String limits) {
        return new Parameter(name, Type.STRING, true, limits, java.util.List.of());
    }

    public static Parameter optional(String name, String limits) {
        return new Parameter(name, Type.STRING, false, limits, java.util.List.of());
    }

    public static Parameter requiredInt(String name, String limits) {
        return new Parameter(name, Type.INTEGER, true, limits, java.util.List.of());
    }

    public static Parameter optionalInt(String name, String limits) {
        return new Parameter(name, Type.INTEGER, false, limits, java.util.List.of());
    }

    public static Parameter optionalBoolean(String name, String limits) {
        return new Parameter(name, Type.BOOLEAN, false, limits, java.util.List.of());
    }

    /** {@code Name.1.Field=…, Name.2.Field=…} as the SDKs flatten a list of structures. */
    public static Parameter optionalList(String name, String limits, String... fields) {
        return new Parameter(name, Type.LIST, false, limits, java.util.List.of(fields));
    }

    /** {@code Name.1=…, Name.2=…}: a list of plain values (device names, versions, task ids). */
    public static Parameter requiredValues(String name, String limits) {
        return new Parameter(name, Type.LIST, true, limits, java.util.List.of());
    }

    public static Parameter optionalValues(String name, String limits) {
        return new Parameter(name, Type.LIST, false, limits, java.util.List.of());
    }
}
