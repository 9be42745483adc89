import { OCP_ERROR_TEXTS } from './ocpErrorTexts.js';

/**
 * The one catalogue of errors ocp-mock answers with. Codes and both languages' texts are copied
 * verbatim from OCP's error-code tables (test/fixtures/ocp-error-codes.{en,zh}.md; a test keeps
 * them in step). Entries marked *inferred* choose an OCP code for a case the docs do not show.
 */

export interface ErrorTemplate {
  code: string;
  httpStatus: number;
  en: string;
  zh: string;
}

/** An entry whose texts are OCP's table's for `code`, verbatim by construction; only the HTTP status is chosen (*inferred*). */
function fromTable(code: string, httpStatus: number): ErrorTemplate {
  const texts = OCP_ERROR_TEXTS[code];
  if (!texts) throw new Error(`${code} is not in OCP's error tables`);
  return { code, httpStatus, en: texts.en, zh: texts.zh };
}

export const ERROR_CATALOGUE = {
  invalidParameter: {
    code: 'COM10001',
    httpStatus: 400,
    en: 'The input parameter {0} is empty or invalid. Please check and try again.',
    zh: '传入的参数为空或者不合法：{0}，请检查后重试',
  },
  /** *inferred*: OCP's generic "invalid request" code for a path no route matches (404). */
  noSuchRoute: {
    code: 'COM10003',
    httpStatus: 404,
    en: 'Invalid request. Cause:{0}',
    zh: '错误的请求, 错误原因: {0}',
  },
  /** *inferred*: the same code for a body over the size limit (413). */
  bodyTooLarge: {
    code: 'COM10003',
    httpStatus: 413,
    en: 'Invalid request. Cause:{0}',
    zh: '错误的请求, 错误原因: {0}',
  },
  sortFieldNotSupported: {
    code: 'COM10011',
    httpStatus: 400,
    en: 'The {0} field cannot be used for sorting.',
    zh: '不支持的排序字段{0}',
  },
  /** *inferred*: a scenario's injected server fault (500). */
  unknownError: {
    code: 'COM10999',
    httpStatus: 500,
    en: 'An unknown error has occurred. Cause: {0}. Error message: {1}. Contact the administrator.',
    zh: '发生一个未知的错误，错误原因：{0}，错误信息：{1}，请联系管理员',
  },
  notLoggedIn: {
    code: 'IAM10000',
    httpStatus: 401,
    en: 'The current user has not logged on or a logon error has occurred. Please log on and try again.',
    zh: '当前用户没有登录或登录出错了，请登陆后重试',
  },
  badCredentials: {
    code: 'IAM10004',
    httpStatus: 401,
    en: 'Incorrect username or password. Please try again. You can try for {0} more times.',
    zh: '用户名或者密码错误，请重试。您还剩余{0}次机会',
  },
  forbidden: {
    code: 'IAM11000',
    httpStatus: 403,
    en: 'You are not authorized to perform the corresponding operation. Contact the administrator.',
    zh: '没有权限进行对应操作，请联系管理员',
  },
  taskNotFound: {
    code: 'TSK10001',
    httpStatus: 404,
    en: 'The {0} task does not exist.',
    zh: '任务 {0} 不存在',
  },
  taskStateForbids: {
    code: 'TSK10007',
    httpStatus: 400,
    en: 'This operation is not supported for the {0} task in the {1} state.',
    zh: '任务{0}, 状态{1}, 不能进行此操作',
  },
  taskCannotRollback: {
    code: 'TSK10009',
    httpStatus: 400,
    en: 'Task {0} can not rollback.',
    zh: '任务 {0} 不能回滚',
  },
  hostNotFound: {
    code: 'CMP07005',
    httpStatus: 404,
    en: 'Host <{0}:{1}> does not exist.',
    zh: '主机<{0}:{1}>不存在',
  },
  /** *inferred* status 400: `batchCreate` with an IP address a host already has. */
  hostExists: {
    code: 'CMP07001',
    httpStatus: 400,
    en: 'Host <{0}:{1}> already exists. Modify the settings and try again.',
    zh: '主机<{0}:{1}>已经存在，请修改后重试',
  },
  /** *inferred* status 400: deleting a host an OB server runs on. */
  hostInUse: {
    code: 'CMP07004',
    httpStatus: 400,
    en: 'Current host {0} is offline or in use. Release the host, restore its status to {1}, and try again.',
    zh: '当前主机{0}离线或使用中，请释放主机并恢复状态为{1}再重试',
  },
  agentStateForbids: {
    code: 'CMP07019',
    httpStatus: 400,
    en: 'The current state of the OCP Agent on Host {0} does not support this operation.',
    zh: '当前主机{0}的OCP agent状态不支持此操作',
  },
  /** *inferred* status 404: OCP's generic "no records" code, for an unknown region, IDC or host type. */
  noRecords: {
    code: 'COM10002',
    httpStatus: 404,
    en: 'No records of the {0} type found based on the {1} parameter. Please check and try again.',
    zh: '没有找到指定{0}类型的记录，参数：{1}，请检查后重试',
  },
  /** *inferred* status 400: a region, IDC or host type whose name is taken. */
  nameTaken: {
    code: 'COM10006',
    httpStatus: 400,
    en: 'A resource with the same name already exists. Type: {0}. Parameter: {1}. Use another name and try again.',
    zh: '重名的资源已存在，类型：{0}，参数：{1}，请换其他的名字后重试',
  },
  /** *inferred* status 400: a region that still has IDCs, an IDC or host type still used by hosts. */
  hasSubResources: {
    code: 'CMP07000',
    httpStatus: 400,
    en: 'The specified resource {0}:{1} contains one or more sub-resources. Delete the sub-resources and try again.',
    zh: '指定的资源{0}:{1}包含一个或多个子资源，请清空子资源后再重试',
  },
  /** *inferred* status 404: an unknown OB cluster (no cluster page documents its error cases). */
  clusterNotFound: {
    code: 'OBE11001',
    httpStatus: 404,
    en: 'The specified cluster with the ID of {0} does not exist.',
    zh: '指定的集群不存在，id={0}',
  },
  /** *inferred* status 404: an unknown zone of a known cluster. */
  zoneNotFound: {
    code: 'OBE18002',
    httpStatus: 404,
    en: 'Zone {1} is not found in the cluster with the ID of {0}.',
    zh: '集群id={0}下未找到zone={1}',
  },
  /** *inferred* status 400: an operation on a cluster whose last task is still running (or failed, open to retry or rollback). */
  clusterBusy: {
    code: 'OBE11020',
    httpStatus: 400,
    en: 'The last operation and maintenance task of the cluster is still in progress.',
    zh: '该集群上一次运维任务还未结束',
  },
  /** *inferred* status 400: an operation a cluster's status does not allow (stopping a stopped cluster). */
  clusterStateForbids: {
    code: 'OBE11007',
    httpStatus: 400,
    en: 'Cluster {0} in the [{1}] state does not support this operation.',
    zh: 'OceanBase集群{0}当前状态[{1}]不支持此操作',
  },
  /** *inferred* status 400: an operation a zone's status does not allow. */
  zoneStateForbids: {
    code: 'OBE18004',
    httpStatus: 400,
    en: 'This operation is not supported in the current status of Zone {0}.',
    zh: '指定的zone={0}，当前状态不支持此操作',
  },
  /** *inferred* status 404: an unknown OB server of a known cluster. */
  serverNotFound: {
    code: 'OBE19001',
    httpStatus: 404,
    en: 'The OBServer with the ID of {0} is not found.',
    zh: '未找到指定的observer，id={0}',
  },
  /** *inferred* status 400: a server operation its server's status does not allow. */
  serverStateForbids: {
    code: 'OBE19003',
    httpStatus: 400,
    en: 'The OBServer does not support this operation in the current state, expected status: {0}.',
    zh: '该observer当前状态不支持此操作，期望的状态：{0}',
  },
  agentProcessNotFound: {
    code: 'CMP07054',
    httpStatus: 404,
    en: 'Process {1} cannot be found on host {0}.',
    zh: '主机 {0} 上找不到进程 {1}',
  },
  // Making and unmaking clusters, zones and servers (ocp-docs/cluster/200-1900): statuses *inferred* (400), codes from OCP's table.
  clusterExists: { code: 'OBE11014', httpStatus: 400, en: 'The cluster to be created already exists.', zh: '待创建集群已经存在' },
  passwordRequired: { code: 'OBE11012', httpStatus: 400, en: 'You must specify the password parameter.', zh: '传入的密码参数不能为空' },
  rpmRequired: { code: 'OBE11013', httpStatus: 400, en: 'You must specify the RPM package name.', zh: '传入的rpm包名不能为空' },
  clusterServersEmpty: { code: 'OBE11019', httpStatus: 400, en: 'The server list of Cluster {0} is empty.', zh: '集群{0}的server列表为空' },
  clusterTypeForbids: {
    code: 'OBE11003',
    httpStatus: 400,
    en: 'The specified cluster with the ID of {0} and of the [{1}] type does not support this operation.',
    zh: '指定的集群id={0}，当前类型:[{1}]不支持此操作',
  },
  clusterHasStandby: {
    code: 'OBE11015',
    httpStatus: 400,
    en: 'The current cluster has a standby cluster. This operation is not allowed.',
    zh: '当前集群存在备集群，不允许此操作',
  },
  upgradePathNotFound: {
    code: 'OBE11063',
    httpStatus: 400,
    en: 'The upgrade path from version {0} to version {1} is not found.',
    zh: '未找到从版本{0}到版本{1}的升级路径',
  },
  switchoverCheckFailed: {
    code: 'OBE11077',
    httpStatus: 400,
    en: 'The pre-check for cluster switchover failed. The ID of the standby cluster is {0}. Cause: {1}.',
    zh: '集群切换预检查失败，备集群id={0}, 失败原因:{1}',
  },
  zoneNameInvalid: {
    code: 'OBE18001',
    httpStatus: 400,
    en: 'Invalid zone name format. The zone name must start with a letter. It must be 2 to 64 characters in length, and can contain uppercase letters, lowercase letters, digits, and underscores (_).',
    zh: '输入的zone名格式不正确，需要以英文字母开头，可包括大小写字母、数字和下划线，长度在2与64之间',
  },
  zoneExists: { code: 'OBE18003', httpStatus: 400, en: 'Zone {1} already exists in the cluster with the ID of {0}.', zh: '集群id={0}已存在zone={1}' },
  zonesDuplicate: { code: 'OBE18009', httpStatus: 400, en: 'The specified zone names are duplicate.', zh: '传入的zone名有重复' },
  zonesTooFew: {
    code: 'OBE18010',
    httpStatus: 400,
    en: 'The number of zones is {0}, which is insufficient. At least {1} zones are required.',
    zh: 'zone的数量不足，当前{0}个，至少需要{1}个',
  },
  // The tenant module (ocp-docs/tenant): OCP's codes, statuses *inferred* (400; 404 for what is not found).
  tenantNameFormat: fromTable('OBE21000', 400),
  tenantExists: fromTable('OBE21001', 400),
  tenantNotFound: fromTable('OBE21003', 404),
  tenantBusy: fromTable('OBE21005', 400),
  tenantUndeletable: fromTable('OBE21006', 400),
  tenantLocked: fromTable('OBE21009', 400),
  tenantModeInvalid: fromTable('OBE21010', 400),
  primaryZoneTooLong: fromTable('OBE21011', 400),
  primaryZoneInvalid: fromTable('OBE21012', 400),
  whitelistTooLong: fromTable('OBE21013', 400),
  tenantPasswordFormat: fromTable('OBE21014', 400),
  descriptionTooLong: fromTable('OBE21015', 400),
  tenantZonesInvalid: fromTable('OBE21017', 400),
  collationInvalid: fromTable('OBE21018', 400),
  tenantZoneInvalid: fromTable('OBE21020', 400),
  tenantZoneNotFound: fromTable('OBE21021', 400),
  unitNotFound: fromTable('OBE21023', 404),
  tenantOperationForbidden: fromTable('OBE22100', 400),
  unitCountInvalid: fromTable('OBE23001', 400),
  tenantZonesTooFew: fromTable('OBE23009', 400),
  lastUnitInZone: fromTable('OBE23011', 400),
  unitSpecNotFound: fromTable('OBE20002', 400),
  /** A unit that fits no server of its zone: the CPU short (the best server's free cores) or the memory short (its free bytes, the unit's). */
  cpuShort: fromTable('OBE19018', 400),
  memoryShort: fromTable('OBE19019', 400),
  zoneHoldsUnits: fromTable('OBE18007', 400),
  serversHoldUnits: fromTable('OBE19010', 400),
  /** A cluster that holds user tenants, deleted: `{0}:{1}` the cluster's kind and name. */
  clusterHasTenants: fromTable('CMP07000', 400),
  /** Tenant parameters (ocp-docs/tenant/1700, 1800): a name the tenant has not, a read-only one, a hidden variable. */
  tenantParameterNotFound: fromTable('OBE31301', 400),
  tenantParameterReadonly: fromTable('OBE31302', 400),
  tenantVariableHidden: fromTable('OBE31101', 400),
  /** Databases (ocp-docs/tenant/1900): statuses *inferred*, 404 for a database that is not there. */
  databaseNameFormat: fromTable('OBE61000', 400),
  databaseExists: fromTable('OBE61001', 400),
  databaseNotFound: fromTable('OBE61002', 404),
  databaseChangeEmpty: fromTable('OBE61003', 400),
  databaseForbids: fromTable('OBE61004', 400),
  databaseCollationInvalid: fromTable('OBE61005', 400),
  oracleTenantForbids: fromTable('OBE61006', 400),
  serverDeleteRefused: { code: 'OBE19011', httpStatus: 400, en: 'Unable to delete the OBServer. Cause: {0}.', zh: 'observer无法删除，原因：{0}' },
  hostStateForbids: {
    code: 'CMP07006',
    httpStatus: 400,
    en: 'This operation is not supported when the host is in the {0} state.',
    zh: '当前主机{0}状态不支持此操作',
  },
  hostIdcMismatch: {
    code: 'CMP07008',
    httpStatus: 400,
    en: 'The IDC where Host {0} resides does not match the IDC of the target zone.',
    zh: '主机{0}所在idc与目标zone的idc不匹配',
  },
  hostRunsService: {
    code: 'CMP07010',
    httpStatus: 400,
    en: 'You cannot deploy multiple {1} services of the same type on Host {0}. Select another host and try again.',
    zh: '不支持在主机{0}部署多个同类型的服务{1}，请选择其他主机再重试',
  },
  /** *inferred* status 404: an rpm no software package has (OCP's file-store code). */
  rpmNotFound: { code: 'PKG10000', httpStatus: 404, en: 'The {0}:{1} file does not exist.', zh: '文件 {0}:{1} 不存在' },
  /** The software-package module (ocp-docs/software-package); statuses *inferred*: 404 for a package that is not there, 400 for the rest. */
  packageSuffix: {
    code: 'PKG10003',
    httpStatus: 400,
    en: 'The file suffix check failed. The suffix is {0}, but must be {1}.',
    zh: '文件后缀校验错误，后缀为{0}，应为{1}',
  },
  packageFileType: {
    code: 'PKG10004',
    httpStatus: 400,
    en: 'The true file type verification failed. The file type is {0}, but must be {1}.',
    zh: '文件真实类型校验错误，类型为{0}，应为{1}',
  },
  packageUnparsable: {
    code: 'PKG10006',
    httpStatus: 400,
    en: 'Failed to parse the software package information. Check the file type.',
    zh: '解析软件包信息失败，请确认文件类型',
  },
  packageInUse: { code: 'PKG10007', httpStatus: 400, en: 'Operation failed. The software package is in use.', zh: '操作失败，软件包当前正在使用中' },
  packageExists: { code: 'PKG10012', httpStatus: 400, en: 'Software package "{0}" already exists.', zh: '软件包"{0}"已存在' },
  packageTypeUnsupported: {
    code: 'PKG10013',
    httpStatus: 400,
    en: 'The type, which is {1}, of the specified software package is not supported. Specify a software package whose type is {0}.',
    zh: '不支持的软件包类型，软件包类型是 {0}，输入的软件包是 {1}',
  },
  packageNotFound: { code: 'PKG10014', httpStatus: 404, en: 'Software package {0} does not exist.', zh: '软件包 {0} 不存在' },
  packageArchitectureUnsupported: { code: 'PKG10015', httpStatus: 400, en: "Software architecture '{0}' not supported.", zh: '不支持 {0} 架构软件包' },
  packageNameInvalid: { code: 'PKG10016', httpStatus: 400, en: 'Software package name {0} is invalid.', zh: '软件包名 {0} 不合法' },
  /** *inferred* status 400: a new cluster password that breaks the rule the text states (2000). */
  passwordFormat: {
    code: 'OBE11029',
    httpStatus: 400,
    en: 'Invalid password format. The password must be 8 to 32 characters in length, Contains at least three of the following character types: digits, uppercase letters, lowercase letters, and special characters (ie: ~!@#%^&*_-+=|(){}[]:;,.?/).',
    zh: '传入的密码格式不正确，要求为：密码长度8~32位，至少包含数字、大写字母、小写字母和特殊字符（即：~!@#%^&*_-+=|(){}[]:;,.?/）四种类型中的三种',
  },
  /** *inferred* status 400: modifying a hidden parameter (its name starts with `_`), 2300. */
  parameterHidden: {
    code: 'OBE31001',
    httpStatus: 400,
    en: 'OceanBase parameter {0} is a hidden parameter and cannot be modified.',
    zh: 'OceanBase 配置项 {0} 为隐藏参数，不允许修改',
  },
  /** *inferred* status 400: a CAPACITY or TIME value other than 0 without its unit (2300). */
  parameterUnitMissing: {
    code: 'OBE31002',
    httpStatus: 400,
    en: 'The unit of parameter {0} must be specified.',
    zh: '配置项{0}必须指定单位',
  },
  /** *inferred* status 400: a parameter the catalogue does not have, in a modification (2300: the request body names it, the cluster exists). */
  parameterNotFound: {
    code: 'OBE31201',
    httpStatus: 400,
    en: 'The {0} parameter is not found.',
    zh: '未找到指定参数={0}',
  },
  /** *inferred* status 400: a value of the wrong type or out of the parameter's range (2300). */
  parameterValueInvalid: {
    code: 'OBE31202',
    httpStatus: 400,
    en: 'The format of the value {1} of the {0} parameter is invalid.',
    zh: '参数{0}的值{1}格式错误',
  },
  /** *inferred* status 400: modifying a read-only parameter (2300). */
  parameterReadonly: {
    code: 'OBE31204',
    httpStatus: 400,
    en: 'The {0} parameter is readonly',
    zh: '参数{0}只读，不允许修改',
  },
  /** *inferred* status 400: a parameter newer than the cluster's OceanBase version (2300). */
  parameterVersionUnsupported: {
    code: 'OBE19021',
    httpStatus: 400,
    en: 'The OceanBase Database version {0} does not support the {1} parameter.',
    zh: 'OceanBase 版本 {0} 不支持参数 {1}',
  },
} as const satisfies Record<string, ErrorTemplate>;

/**
 * *Inferred* templates: cases OCP's tables do not cover, each an OCP code with the cause after
 * OCP's own text. Kept beside the catalogue so every error the mock can answer is in this file.
 */
export const INFERRED_ERRORS = {
  /** A known path with another method (Spring answers 405); OCP's COM10008 text plus the request. */
  methodNotAllowed: { code: 'COM10008', httpStatus: 405, en: 'The method is not supported. ({0})', zh: '不支持的方法（{0}）' },
  /** A scenario's rate limit: OCP documents a 429 with RateLimit-* headers but no code. */
  tooManyRequests: { code: 'COM10003', httpStatus: 429, en: 'Invalid request. Cause:{0}', zh: '错误的请求, 错误原因: {0}' },
  /** /__mock/* from a non-loopback caller without --admin-token. */
  adminLoopbackOnly: {
    code: 'IAM11000',
    httpStatus: 403,
    en: "You are not authorized to perform the corresponding operation. Contact the administrator. (ocp-mock's control plane answers loopback callers only; start it with --admin-token to allow others.)",
    zh: '没有权限进行对应操作，请联系管理员（ocp-mock 的控制面只响应本机调用；如需远程访问，请以 --admin-token 启动）',
  },
  /** A basic process of the agent (ocp_agentd, pos_proxy: `operable` false) stopped or restarted alone. */
  agentProcessNotOperable: {
    code: 'COM10003',
    httpStatus: 400,
    en: 'Invalid request. Cause:process {1} on host {0} is a basic process of the OCP Agent and cannot be operated alone',
    zh: '错误的请求, 错误原因: 主机{0}上的进程{1}是 OCP Agent 的基础进程，不能单独操作',
  },
  /** /__mock/* without the right admin token. */
  adminTokenRequired: {
    code: 'IAM10000',
    httpStatus: 401,
    en: "The current user has not logged on or a logon error has occurred. Please log on and try again. (ocp-mock's control plane needs its admin token.)",
    zh: '当前用户没有登录或登录出错了，请登陆后重试（ocp-mock 的控制面需要管理令牌）',
  },
} as const satisfies Record<string, ErrorTemplate>;

export type ErrorKey = keyof typeof ERROR_CATALOGUE;
export type Language = 'en' | 'zh';

export interface SubError {
  field: string;
  message: string;
  object: string;
  rejectedValue?: unknown;
}

/** Fills `{0}`, `{1}`, ... as Java's MessageFormat does (a missing argument prints "null"). */
export function formatMessage(text: string, args: readonly unknown[]): string {
  return text.replace(/\{(\d+)\}/g, (_, i: string) => {
    const v = args[Number(i)];
    return v === undefined || v === null ? 'null' : String(v);
  });
}

/**
 * An error that knows how OCP would answer it. Handlers throw it; the gate renders it in OCP's
 * envelope (src/http/envelope.ts), so nothing formats an error body by hand.
 */
export class OcpError extends Error {
  readonly template: ErrorTemplate;
  readonly httpStatus: number;
  constructor(
    readonly key: ErrorKey | ErrorTemplate,
    readonly args: readonly unknown[] = [],
    readonly options: { subErrors?: SubError[]; target?: string; headers?: Record<string, string>; httpStatus?: number } = {},
  ) {
    const template = typeof key === 'string' ? ERROR_CATALOGUE[key] : key;
    // An answer to a client, not a bug: no stack trace to capture (it is most of the cost of a
    // throw, and a load test of refusals throws thousands a second).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(formatMessage(template.en, args));
    Error.stackTraceLimit = limit;
    this.name = 'OcpError';
    this.template = template;
    this.httpStatus = options.httpStatus ?? template.httpStatus;
  }

  /** The message in the caller's language. */
  messageIn(language: Language): string {
    return formatMessage(this.template[language], this.args);
  }
}

/**
 * A thrown value that is not an OcpError is a bug, not a client error: it is logged, and the
 * caller still gets OCP's envelope (unknownError, 500) while the process stays up.
 */
export function unexpectedError(err: unknown): OcpError {
  console.error(err);
  const e = err instanceof Error ? err : new Error(String(err));
  return new OcpError('unknownError', [e.name, e.message]);
}
