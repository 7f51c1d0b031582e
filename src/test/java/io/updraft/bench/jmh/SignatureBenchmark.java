package io.updraft.bench.jmh;

import io.updraft.gateway.signature.Acs3Authorization;
import io.updraft.gateway.signature.SignatureV1;
import io.updraft.gateway.signature.SignatureV3;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the gateway spends verifying one ListOTAModuleByProduct request, V1 and V3. */
@State(Scope.Benchmark)
public class SignatureBenchmark {
    private static final String SECRET = "globex-root-secret-01";
    private Map<String, String> v1Params;
    private String v1Signature;
    private Map<String, String> v3Query;
    private Map<String, String> v3Headers;
    private Acs3Authorization v3Authorization;

    @Setup
    public void setUp() {
        v1Params = new LinkedHashMap<>();
        v1Params.put("Action", "ListOTAModuleByProduct");
        v1Params.put("Version", "2018-01-20");
        v1Params.put("Format", "JSON");
        v1Params.put("AccessKeyId", "AKglobexRoot001");
        v1Params.put("SignatureMethod", "HMAC-SHA1");
        v1Params.put("SignatureVersion", "1.0");
        v1Params.put("SignatureNonce", "0f8a5c7e-1b2d-4e3f-9a8b-7c6d5e4f3a2b");
        v1Params.put("Timestamp", "2026-11-26T17:00:00Z");
        v1Params.put("ProductKey", "a1BcDeFgHiJ");
        v1Signature = SignatureV1.sign(SignatureV1.stringToSign("POST", v1Params), SECRET);

        v3Query = Map.of("ProductKey", "a1BcDeFgHiJ");
        v3Headers = new TreeMap<>();
        v3Headers.put("host", "127.0.0.1:8080");
        v3Headers.put("x-acs-action", "ListOTAModuleByProduct");
        v3Headers.put("x-acs-version", "2018-01-20");
        v3Headers.put("x-acs-date", "2026-11-26T17:00:00Z");
        v3Headers.put("x-acs-signature-nonce", "0f8a5c7e-1b2d-4e3f-9a8b-7c6d5e4f3a2b");
        v3Headers.put(SignatureV3.CONTENT_SHA256_HEADER, SignatureV3.sha256Hex(new byte[0]));
        List<String> signed = new ArrayList<>(v3Headers.keySet());
        String signature = SignatureV3.sign(SignatureV3.stringToSign(SignatureV3.canonicalRequest("POST", v3Query,
                signed, v3Headers::get, SignatureV3.sha256Hex(new byte[0]))), SECRET);
        v3Authorization = Acs3Authorization.parse("ACS3-HMAC-SHA256 Credential=AKglobexRoot001,SignedHeaders="
                + String.join(";", signed) + ",Signature=" + signature);
    }

    @Benchmark
    public Object verifyV1() {
        return SignatureV1.verify("POST", v1Params, SECRET, v1Signature);
    }

    @Benchmark
    public Object verifyV3() {
        return SignatureV3.verify("POST", v3Query, v3Headers::get, new byte[0], v3Authorization, SECRET);
    }
}
