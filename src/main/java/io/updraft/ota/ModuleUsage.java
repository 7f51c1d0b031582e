package io.updraft.ota;

import org.jdbi.v3.core.Handle;

/**
 * Whether a module still has update packages, asked inside the delete's transaction. Until update packages exist
 * nothing uses a module ({@link #NONE}); the firmware store answers it from then on.
 */
@FunctionalInterface
public interface ModuleUsage {
    ModuleUsage NONE = (handle, productId, moduleName) -> false;

    boolean hasPackages(Handle handle, long productId, String moduleName);
}
