package io.updraft.firmware;

/**
 * One file of a package. {@code position} 0 is the only file of a single-file package (which has no name);
 * multi-file packages number their files from 1. {@code signValue} is the file's hash under the package's SignMethod.
 */
public record FirmwareFile(int position, String name, String blobKey, long size, String md5, String signValue) {
}
