package io.updraft.config;

import java.nio.file.Path;

/**
 * The server's typed configuration, built once at start from flags, then environment variables, then defaults
 * (see {@code ServeCommand} for the flag and variable names, and the README's configuration reference).
 *
 * @param httpHost       address the HTTP server binds
 * @param httpPort       HTTP port; 0 picks a free port
 * @param mqttPort       MQTT port for devices; 0 picks a free port
 * @param mqttHost       address the MQTT broker binds
 * @param dataDir        where the embedded database, the master key and the admin token live
 * @param bootstrapFile  JSON applied idempotently at every start, or null
 * @param dbUrl          JDBC URL; null means the embedded H2 file in the data dir
 * @param dbPoolSize     connections in the pool (per node)
 * @param masterKey      base64 AES-256 key for stored secrets; null means {@code master.key} in the data dir
 * @param moduleLimit    custom OTA modules allowed per product (Alibaba: 10)
 * @param hostId         HostId echoed in gateway errors
 * @param maxRequestBytes largest request accepted, body included
 * @param httpLimits     timeouts and the connection limit of the HTTP server, and its graceful-stop bound
 */
public record UpdraftConfig(
        String httpHost,
        int httpPort,
        int mqttPort,
        String mqttHost,
        Path dataDir,
        Path bootstrapFile,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int moduleLimit,
        String hostId,
        long maxRequestBytes,
        String masterKey,
        String initialAccessKeyId,
        String initialAccessKeySecret,
        HttpLimits httpLimits) {

    public static UpdraftConfig defaults(Path dataDir) {
        return new UpdraftConfig("0.0.0.0", 8080, 1883, "0.0.0.0", dataDir, null, null, null, null, 10, 10,
                "iot.cn-shanghai.aliyuncs.com", 1_048_576, null, null, null, HttpLimits.DEFAULTS);
    }

    public UpdraftConfig withHttp(String host, int port) {
        return new UpdraftConfig(host, port, mqttPort, mqttHost, dataDir, bootstrapFile, dbUrl, dbUser, dbPassword, dbPoolSize,
                moduleLimit, hostId, maxRequestBytes, masterKey, initialAccessKeyId, initialAccessKeySecret, httpLimits);
    }

    public UpdraftConfig withMqtt(String host, int port) {
        return new UpdraftConfig(httpHost, httpPort, port, host, dataDir, bootstrapFile, dbUrl, dbUser, dbPassword,
                dbPoolSize, moduleLimit, hostId, maxRequestBytes, masterKey, initialAccessKeyId, initialAccessKeySecret, httpLimits);
    }

    public UpdraftConfig withBootstrap(Path file) {
        return new UpdraftConfig(httpHost, httpPort, mqttPort, mqttHost, dataDir, file, dbUrl, dbUser, dbPassword, dbPoolSize,
                moduleLimit, hostId, maxRequestBytes, masterKey, initialAccessKeyId, initialAccessKeySecret, httpLimits);
    }

    public UpdraftConfig withModuleLimit(int limit) {
        return new UpdraftConfig(httpHost, httpPort, mqttPort, mqttHost, dataDir, bootstrapFile, dbUrl, dbUser, dbPassword,
                dbPoolSize, limit, hostId, maxRequestBytes, masterKey, initialAccessKeyId, initialAccessKeySecret, httpLimits);
    }

    /** An external database (PostgreSQL); null URL means the embedded H2. */
    public UpdraftConfig withDatabase(String url, String user, String password) {
        return new UpdraftConfig(httpHost, httpPort, mqttPort, mqttHost, dataDir, bootstrapFile, url, user, password,
                dbPoolSize, moduleLimit, hostId, maxRequestBytes, masterKey, initialAccessKeyId, initialAccessKeySecret, httpLimits);
    }

    /** Every node of a cluster needs the same key: each reads secrets the others wrote. */
    public UpdraftConfig withMasterKey(String base64Key) {
        return new UpdraftConfig(httpHost, httpPort, mqttPort, mqttHost, dataDir, bootstrapFile, dbUrl, dbUser, dbPassword,
                dbPoolSize, moduleLimit, hostId, maxRequestBytes, base64Key, initialAccessKeyId, initialAccessKeySecret, httpLimits);
    }

    public UpdraftConfig withInitialAccessKey(String id, String secret) {
        return new UpdraftConfig(httpHost, httpPort, mqttPort, mqttHost, dataDir, bootstrapFile, dbUrl, dbUser, dbPassword,
                dbPoolSize, moduleLimit, hostId, maxRequestBytes, masterKey, id, secret, httpLimits);
    }

    public UpdraftConfig withHttpLimits(HttpLimits limits) {
        return new UpdraftConfig(httpHost, httpPort, mqttPort, mqttHost, dataDir, bootstrapFile, dbUrl, dbUser, dbPassword,
                dbPoolSize, moduleLimit, hostId, maxRequestBytes, masterKey, initialAccessKeyId, initialAccessKeySecret,
                limits);
    }
}
