package io.updraft.device;

/** The version a device last reported for one module ({@code default} = the whole-device firmware). */
public record ModuleVersion(String moduleName, String version, long gmtModified) {
}
