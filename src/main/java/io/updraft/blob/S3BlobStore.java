package io.updraft.blob;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * An S3-compatible bucket (AWS S3, MinIO, Alibaba OSS through its S3 API) so that several Updraft nodes see the same
 * files. Path-style addressing by default, because MinIO and most self-hosted servers need it (Alibaba OSS needs
 * virtual-hosted style instead); checksums only where the protocol requires them, because not every S3-compatible
 * server understands the newer flexible-checksum headers.
 */
public final class S3BlobStore implements BlobStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param endpoint  e.g. {@code http://minio:9000}; null for AWS S3 itself
     * @param accessKey null to use the AWS default credential chain (environment, profile, instance role)
     * @param prefix    key prefix inside the bucket ("" for none)
     */
    public S3BlobStore(String endpoint, String region, String bucket, String prefix, String accessKey, String secretKey) {
        this(endpoint, region, bucket, prefix, true, accessKey, secretKey);
    }

    public S3BlobStore(String endpoint, String region, String bucket, String prefix, boolean pathStyle,
                       String accessKey, String secretKey) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(accessKey == null
                        ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.s3 = builder.build();
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
    }

    /** Creates the bucket if it does not exist, so a fresh MinIO works out of the box. */
    public S3BlobStore ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            createBucketRacingOtherNodes();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            createBucketRacingOtherNodes();
        }
        return this;
    }

    /** Nodes of a cluster starting together each find no bucket; the ones that lose the race find it created. */
    private void createBucketRacingOtherNodes() {
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException e) {
            // another node created it a moment ago
        }
    }

    @Override
    public void put(String key, Path stagedFile, long size) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentLength(size)
                    .contentType("application/octet-stream"), RequestBody.fromFile(stagedFile));
        } catch (S3Exception e) {
            throw new IOException("S3 put of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        String range = length < 0 ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + (offset + length - 1);
        try {
            if (length == 0) {
                return InputStream.nullInputStream();
            }
            return s3.getObject(b -> b.bucket(bucket).key(objectKey(key)).range(offset == 0 && length < 0 ? null : range));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key);
        } catch (S3Exception e) {
            throw new IOException("S3 get of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(objectKey(key))).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw new IOException("S3 head of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (S3Exception e) {
            throw new IOException("S3 delete of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3 bucket " + bucket + (prefix.isEmpty() ? "" : " prefix " + prefix);
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return prefix + BlobKeys.require(key);
    }
}
