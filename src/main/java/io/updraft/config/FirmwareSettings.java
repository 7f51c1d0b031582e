package io.updraft.config;

/**
 * Update packages: where their files live and how they are reached.
 *
 * @param publicUrl    base URL that uploaders and devices use to reach this server (upload form host, download
 *                     links); null = {@code http://<http host>:<port>}, which suits only local use
 * @param packageLimit update packages allowed per account (Alibaba: 500)
 * @param blobStore    {@code local} (files under {@code <data dir>/blobs}) or {@code s3}
 * @param s3Endpoint   S3-compatible endpoint, e.g. {@code http://minio:9000}; null = AWS S3
 * @param s3PathStyle  path-style addressing (MinIO, S3Proxy); false for virtual-hosted style (Alibaba OSS requires it)
 * @param s3AccessKey  null = the AWS default credential chain
 */
public record FirmwareSettings(
        String publicUrl,
        int packageLimit,
        String blobStore,
        String s3Endpoint,
        String s3Region,
        String s3Bucket,
        String s3Prefix,
        boolean s3PathStyle,
        String s3AccessKey,
        String s3SecretKey) {

    public static FirmwareSettings defaults() {
        return new FirmwareSettings(null, 500, "local", null, "us-east-1", "updraft", "", true, null, null);
    }

    public FirmwareSettings withPackageLimit(int limit) {
        return new FirmwareSettings(publicUrl, limit, blobStore, s3Endpoint, s3Region, s3Bucket, s3Prefix, s3PathStyle,
                s3AccessKey, s3SecretKey);
    }

    public FirmwareSettings withS3(String endpoint, String region, String bucket, String accessKey, String secretKey) {
        return new FirmwareSettings(publicUrl, packageLimit, "s3", endpoint, region, bucket, s3Prefix, true, accessKey,
                secretKey);
    }
}
