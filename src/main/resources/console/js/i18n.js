// Every UI string of the console, English and Chinese, in one table. API messages are shown as the API returns them.
const MESSAGES = {
  en: {
    'app.title': 'Updraft console',
    'nav.products': 'Products', 'nav.packages': 'Update packages', 'nav.devices': 'Devices', 'nav.batches': 'Batches',
    'nav.explorer': 'API Explorer', 'nav.errors': 'Error Center', 'nav.main': 'Main',
    'lang.label': 'Language', 'signout': 'Sign out', 'signedin': 'Signed in as {0}',
    'signin.title': 'Sign in with an AccessKey',
    'signin.intro': 'Root account or RAM user: the console calls the public API with your key, so RAM permissions apply exactly as for any SDK. The secret stays in this browser tab (sessionStorage) and is never sent.',
    'signin.id': 'AccessKey ID', 'signin.secret': 'AccessKey secret', 'signin.scheme': 'Signature',
    'signin.v3': 'V3 (ACS3-HMAC-SHA256)', 'signin.v1': 'V1 (HMAC-SHA1)', 'signin.submit': 'Sign in',
    'signin.failed': 'Sign-in failed', 'signin.insecure': 'This page is not a secure context (HTTPS, or http on localhost), so the browser offers no Web Crypto to sign requests. Open the console over HTTPS or on localhost.',
    'common.create': 'Create', 'common.save': 'Save', 'common.cancel': 'Cancel', 'common.delete': 'Delete',
    'common.edit': 'Edit', 'common.refresh': 'Refresh', 'common.details': 'Details', 'common.close': 'Close',
    'common.loading': 'Loading…', 'common.none': 'Nothing here yet.', 'common.actions': 'Actions',
    'common.confirmDelete': 'Delete {0}?', 'common.deleted': 'Deleted {0}.', 'common.saved': 'Saved.',
    'common.page': 'Page {0} of {1}', 'common.prev': 'Previous', 'common.next': 'Next', 'common.product': 'Product',
    'products.title': 'Products', 'products.new': 'New product', 'products.name': 'Product name',
    'products.key': 'ProductKey', 'products.nodeType': 'Node type', 'products.device': 'Device', 'products.gateway': 'Gateway',
    'products.description': 'Description', 'products.devices': 'Devices', 'products.modules': 'Modules',
    'products.created': 'Created product {0}.',
    'modules.title': 'OTA modules of {0}', 'modules.new': 'New module', 'modules.name': 'Module name',
    'modules.alias': 'Alias', 'modules.desc': 'Description', 'modules.created': 'Created module {0}.',
    'modules.default': 'The built-in module default (the whole firmware) is implied.',
    'packages.title': 'Update packages', 'packages.new': 'New update package', 'packages.file': 'Package file',
    'packages.name': 'Package name', 'packages.version': 'Version (DestVersion)', 'packages.module': 'Module',
    'packages.desc': 'Description', 'packages.upload': 'Upload and create', 'packages.progress': 'Upload progress',
    'packages.uploaded': 'Uploaded {0}; creating the package…', 'packages.created': 'Created package {0}.',
    'packages.id': 'FirmwareId', 'packages.size': 'Size', 'packages.status': 'Status', 'packages.sign': 'Signature',
    'packages.url': 'Download link', 'packages.created.at': 'Created', 'packages.srcVersion': 'From version (delta)',
    'devices.title': 'Devices', 'devices.register': 'Register a device', 'devices.name': 'DeviceName',
    'devices.nickname': 'Nickname', 'devices.status': 'Status', 'devices.versions': 'Module versions',
    'devices.search': 'Search by DeviceName', 'devices.registered': 'Registered {0}. Its DeviceSecret: {1}',
    'devices.notFound': 'No device named {0} in this product.', 'devices.pick': 'Choose a product first.',
    'status.ONLINE': 'Online', 'status.OFFLINE': 'Offline', 'status.UNACTIVE': 'Not activated', 'status.DISABLE': 'Disabled',
    'batches.title': 'Upgrade batches',
    'batches.missing': 'This server does not serve the batch Actions yet.',
    'batches.explorer': 'The batch pages are not in the console yet. Every batch Action is served: call it from the API Explorer.',
    'explorer.title': 'API Explorer', 'explorer.action': 'Action', 'explorer.params': 'Parameters',
    'explorer.common': 'Common parameter of every Action', 'explorer.send': 'Send request',
    'explorer.response': 'Response', 'explorer.samples': 'Sample code', 'explorer.required': 'required',
    'explorer.addItem': 'Add item', 'explorer.removeItem': 'Remove item', 'explorer.item': 'Item {0}',
    'explorer.signature': 'Signature', 'explorer.stringToSign': 'String to sign', 'explorer.copy': 'Copy',
    'explorer.copied': 'Copied', 'explorer.qps': 'Documented limit: {0} requests per second per account',
    'explorer.free': 'This Action has no parameter description yet: add parameters as name and value.',
    'explorer.freeName': 'Name', 'explorer.freeValue': 'Value', 'explorer.samplesNote': 'The samples read the AccessKey from the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; the endpoint is this server.',
    'errors.title': 'Error Center', 'errors.intro': 'Every error code this server returns, from the server\'s own error table.',
    'errors.code': 'Code', 'errors.status': 'HTTP status', 'errors.kind': 'Kind', 'errors.meaning': 'Meaning',
    'errors.fix': 'How to fix', 'errors.gateway': 'Gateway error', 'errors.business': 'Business error (HTTP 200, Success false)',
    'errors.filter': 'Filter codes', 'errors.endpoint': 'Returned by', 'errors.endpoint.api': 'API (every Action)',
    'errors.endpoint.upload': 'Package upload form', 'errors.endpoint.download': 'Package download link',
  },
  zh: {
    'app.title': 'Updraft 控制台',
    'nav.products': '产品', 'nav.packages': '升级包', 'nav.devices': '设备', 'nav.batches': '升级批次',
    'nav.explorer': 'API 调试', 'nav.errors': '错误中心', 'nav.main': '主导航',
    'lang.label': '语言', 'signout': '退出', 'signedin': '当前 AccessKey：{0}',
    'signin.title': '使用 AccessKey 登录',
    'signin.intro': '主账号或 RAM 用户均可：控制台用您的 AccessKey 调用公开 API，RAM 权限与任何 SDK 完全相同。密钥只保存在当前浏览器标签页（sessionStorage），不会发送到服务器。',
    'signin.id': 'AccessKey ID', 'signin.secret': 'AccessKey Secret', 'signin.scheme': '签名方式',
    'signin.v3': 'V3（ACS3-HMAC-SHA256）', 'signin.v1': 'V1（HMAC-SHA1）', 'signin.submit': '登录',
    'signin.failed': '登录失败', 'signin.insecure': '当前页面不是安全上下文（HTTPS，或 localhost 上的 http），浏览器不提供用于签名的 Web Crypto。请通过 HTTPS 或 localhost 打开控制台。',
    'common.create': '创建', 'common.save': '保存', 'common.cancel': '取消', 'common.delete': '删除',
    'common.edit': '编辑', 'common.refresh': '刷新', 'common.details': '详情', 'common.close': '关闭',
    'common.loading': '加载中…', 'common.none': '暂无数据。', 'common.actions': '操作',
    'common.confirmDelete': '确定删除 {0}？', 'common.deleted': '已删除 {0}。', 'common.saved': '已保存。',
    'common.page': '第 {0} / {1} 页', 'common.prev': '上一页', 'common.next': '下一页', 'common.product': '产品',
    'products.title': '产品', 'products.new': '创建产品', 'products.name': '产品名称',
    'products.key': 'ProductKey', 'products.nodeType': '节点类型', 'products.device': '直连设备', 'products.gateway': '网关',
    'products.description': '描述', 'products.devices': '设备数', 'products.modules': 'OTA 模块',
    'products.created': '已创建产品 {0}。',
    'modules.title': '{0} 的 OTA 模块', 'modules.new': '添加模块', 'modules.name': '模块名称',
    'modules.alias': '模块别名', 'modules.desc': '模块描述', 'modules.created': '已创建模块 {0}。',
    'modules.default': '内置默认模块 default（整包固件）无需创建。',
    'packages.title': '升级包', 'packages.new': '添加升级包', 'packages.file': '升级包文件',
    'packages.name': '升级包名称', 'packages.version': '升级后版本号（DestVersion）', 'packages.module': '所属模块',
    'packages.desc': '升级包描述', 'packages.upload': '上传并创建', 'packages.progress': '上传进度',
    'packages.uploaded': '已上传 {0}，正在创建升级包…', 'packages.created': '已创建升级包 {0}。',
    'packages.id': '升级包 ID', 'packages.size': '大小', 'packages.status': '状态', 'packages.sign': '签名',
    'packages.url': '下载链接', 'packages.created.at': '创建时间', 'packages.srcVersion': '待升级版本号（差分包）',
    'devices.title': '设备', 'devices.register': '添加设备', 'devices.name': 'DeviceName',
    'devices.nickname': '备注名称', 'devices.status': '状态', 'devices.versions': '模块版本',
    'devices.search': '按 DeviceName 搜索', 'devices.registered': '已添加 {0}。DeviceSecret：{1}',
    'devices.notFound': '该产品下没有名为 {0} 的设备。', 'devices.pick': '请先选择产品。',
    'status.ONLINE': '在线', 'status.OFFLINE': '离线', 'status.UNACTIVE': '未激活', 'status.DISABLE': '已禁用',
    'batches.title': '升级批次',
    'batches.missing': '此服务器尚未提供升级批次相关 API。',
    'batches.explorer': '控制台暂无升级批次页面。所有升级批次 API 均已提供，可在 API Explorer 中调用。',
    'explorer.title': 'API 调试', 'explorer.action': 'API', 'explorer.params': '请求参数',
    'explorer.common': '所有 API 的公共参数', 'explorer.send': '发起调用',
    'explorer.response': '调用结果', 'explorer.samples': '示例代码', 'explorer.required': '必填',
    'explorer.addItem': '添加一项', 'explorer.removeItem': '删除此项', 'explorer.item': '第 {0} 项',
    'explorer.signature': '签名方式', 'explorer.stringToSign': '待签名字符串', 'explorer.copy': '复制',
    'explorer.copied': '已复制', 'explorer.qps': '文档限流：每个账号每秒 {0} 次',
    'explorer.free': '此 API 暂无参数说明：请按名称和值填写参数。',
    'explorer.freeName': '名称', 'explorer.freeValue': '值', 'explorer.samplesNote': '示例代码从环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET 读取 AccessKey，Endpoint 即本服务器。',
    'errors.title': '错误中心', 'errors.intro': '本服务器返回的全部错误码，直接来自服务器的错误表。',
    'errors.code': '错误码', 'errors.status': 'HTTP 状态码', 'errors.kind': '类型', 'errors.meaning': '含义',
    'errors.fix': '解决方法', 'errors.gateway': '网关错误', 'errors.business': '业务错误（HTTP 200，Success 为 false）',
    'errors.filter': '筛选错误码', 'errors.endpoint': '返回方', 'errors.endpoint.api': 'API（所有接口）',
    'errors.endpoint.upload': '升级包上传表单', 'errors.endpoint.download': '升级包下载链接',
  },
};

export const LANGUAGES = { en: 'English', zh: '中文' };

let lang = localStorage.getItem('updraft.lang') || (navigator.language || 'en').slice(0, 2);
if (!MESSAGES[lang]) {
  lang = 'en';
}

export function language() {
  return lang;
}

/** The language preference (not a secret) is the one thing the console keeps in localStorage. */
export function setLanguage(value) {
  lang = MESSAGES[value] ? value : 'en';
  localStorage.setItem('updraft.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key, ...args) {
  const text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\d)}/g, (_, i) => String(args[Number(i)] ?? ''));
}

export function keys(language) {
  return Object.keys(MESSAGES[language]);
}
