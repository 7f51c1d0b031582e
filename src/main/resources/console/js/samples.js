// Sample code for one call, as OpenAPI Explorer generates it: aliyun-java-sdk-core (CommonRequest), iot20180120
// (Tea, typed request) and @alicloud/pop-core, endpoint set to this server, AccessKey read from the environment.
// call = { action, version, values: {Name: 'v'}, lists: {Name: [{Field: 'v'}]}, types: {Name: 'INTEGER'|...} }

const ENV_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
const ENV_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';

function javaString(value) {
  return JSON.stringify(String(value));
}

function javaValue(value, type) {
  if (type === 'INTEGER' && /^-?\d+$/.test(value)) {
    // ScheduleTime and the like are milliseconds: a Long in the typed requests
    return Math.abs(Number(value)) > 2147483647 ? `${value}L` : String(Number(value));
  }
  if (type === 'BOOLEAN' && /^(true|false)$/i.test(value)) {
    return value.toLowerCase();
  }
  return javaString(value);
}

function jsValue(value, type) {
  return javaValue(value, type).replace(/L$/, '');
}

function className(action) {
  return action.replace(/[^A-Za-z0-9]/g, '') + 'Sample';
}

/** A list item of plain values is { '': value } (Name.N); a structure's is { Field: value } (Name.N.Field). */
function plain(list) {
  return list.every(item => Object.keys(item).length === 1 && '' in item);
}

/** Flattened as every SDK sends them: Name.1.Field, or Name.1 for plain values. */
export function flatten(call) {
  const out = { ...call.values };
  for (const [name, list] of Object.entries(call.lists || {})) {
    list.forEach((item, i) => {
      for (const [field, value] of Object.entries(item)) {
        if (value !== '') {
          out[field === '' ? `${name}.${i + 1}` : `${name}.${i + 1}.${field}`] = value;
        }
      }
    });
  }
  return out;
}

export function javaCore(call, location) {
  const params = Object.entries(flatten(call)).map(([k, v]) =>
    `        request.putQueryParameter(${javaString(k)}, ${javaString(v)});`).join('\n');
  return `import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;

// aliyun-java-sdk-core: ${call.action} through CommonRequest (signature V1)
public class ${className(call.action)} {
    public static void main(String[] args) throws Exception {
        DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai",
                System.getenv("${ENV_ID}"), System.getenv("${ENV_SECRET}"));
        IAcsClient client = new DefaultAcsClient(profile);
        CommonRequest request = new CommonRequest();
        request.setSysMethod(MethodType.POST);
        request.setSysProtocol(ProtocolType.${location.protocol === 'https:' ? 'HTTPS' : 'HTTP'});
        request.setSysDomain(${javaString(location.host)});
        request.setSysVersion(${javaString(call.version)});
        request.setSysAction(${javaString(call.action)});
${params}
        CommonResponse response = client.getCommonResponse(request);
        System.out.println(response.getData());
    }
}
`;
}

function teaSetters(values, types, indent) {
  return Object.entries(values).map(([k, v]) => `\n${indent}.set${k}(${javaValue(v, types[k])})`).join('');
}

export function javaTea(call, location) {
  const request = `${call.action}Request`;
  const lists = Object.entries(call.lists || {}).filter(([, list]) => list.length).map(([name, list]) => {
    if (plain(list)) {
      return `\n                .set${name}(java.util.Arrays.asList(${list.map(item => javaString(item[''])).join(', ')}))`;
    }
    const item = `${request}.${request}${name}`;
    const built = list.map(entry => `new ${item}()` + teaSetters(
      Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== '')), { Size: 'INTEGER' }, '                        '));
    return `\n                .set${name}(java.util.Arrays.asList(\n                        ${built.join(',\n                        ')}))`;
  }).join('');
  const method = call.action.charAt(0).toLowerCase() + call.action.slice(1);
  return `import com.aliyun.iot20180120.Client;
import com.aliyun.iot20180120.models.${request};
import com.aliyun.iot20180120.models.${call.action}Response;
import com.aliyun.tea.TeaModel;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.Common;

// iot20180120 (Tea): ${call.action} with the typed request (signature V3)
public class ${className(call.action)} {
    public static void main(String[] args) throws Exception {
        Config config = new Config()
                .setAccessKeyId(System.getenv("${ENV_ID}"))
                .setAccessKeySecret(System.getenv("${ENV_SECRET}"))
                .setEndpoint(${javaString(location.host)})
                .setProtocol(${javaString(location.protocol === 'https:' ? 'HTTPS' : 'HTTP')});
        Client client = new Client(config);
        ${request} request = new ${request}()${teaSetters(call.values, call.types, '                ')}${lists};
        ${call.action}Response response = client.${method}(request);
        System.out.println(Common.toJSONString(TeaModel.buildMap(response.getBody())));
    }
}
`;
}

export function nodePopCore(call, location) {
  const entries = Object.entries(flatten(call));
  const params = entries.length
    ? `{\n${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${call.types[k] ? jsValue(v, call.types[k]) : JSON.stringify(v)},`).join('\n')}\n}`
    : '{}';
  return `// @alicloud/pop-core: ${call.action} (signature V1)
const RPCClient = require('@alicloud/pop-core');

const client = new RPCClient({
  accessKeyId: process.env.${ENV_ID},
  accessKeySecret: process.env.${ENV_SECRET},
  endpoint: ${JSON.stringify(location.origin)},
  apiVersion: ${JSON.stringify(call.version)},
});

const params = ${params};

client.request(${JSON.stringify(call.action)}, params, { method: 'POST' }).then(
  result => console.log(JSON.stringify(result)),
  error => { console.error(error.message); process.exitCode = 1; });
`;
}

export const GENERATORS = [
  { id: 'java-core', label: 'Java · aliyun-java-sdk-core', file: 'Sample.java', generate: javaCore },
  { id: 'java-tea', label: 'Java · iot20180120 (Tea)', file: 'Sample.java', generate: javaTea },
  { id: 'node-popcore', label: 'Node.js · @alicloud/pop-core', file: 'sample.js', generate: nodePopCore },
];
