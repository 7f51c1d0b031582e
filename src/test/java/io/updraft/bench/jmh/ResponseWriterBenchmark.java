package io.updraft.bench.jmh;

import io.updraft.api.ActionResult;
import io.updraft.gateway.ResponseFormat;
import io.updraft.gateway.ResponseWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rendering a ListOTAModuleByProduct response of 10 modules, as JSON and as XML. */
@State(Scope.Benchmark)
public class ResponseWriterBenchmark {
    private final ResponseWriter writer = new ResponseWriter("iot.cn-shanghai.aliyuncs.com");
    private ActionResult tenModules;

    @Setup
    public void setUp() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(ActionResult.object("ProductKey", "a1BcDeFgHiJ", "ModuleName", "module" + i,
                    "AliasName", "", "Desc", "", "GmtCreate", "2026-11-26 17:00:00",
                    "GmtModified", "2026-11-26 17:00:00"));
        }
        tenModules = ActionResult.empty().put("Data", new ActionResult.ItemList("OtaModuleDTO", items));
    }

    @Benchmark
    public Object json() {
        return writer.success(ResponseFormat.JSON, "ListOTAModuleByProduct", "5C5A9D5E-0000-4000-8000-000000000000",
                tenModules);
    }

    @Benchmark
    public Object xml() {
        return writer.success(ResponseFormat.XML, "ListOTAModuleByProduct", "5C5A9D5E-0000-4000-8000-000000000000",
                tenModules);
    }
}
