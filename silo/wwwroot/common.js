// What every panel of the caseworker page shares: the key, the API call, labels and formatting.
// Text from the server is only ever set with textContent, never parsed as HTML.

export const $ = (id) => document.getElementById(id);

/** The payers of a split, in the order the waterfall pays them. */
export const payers = [
  ["hifp_pay", "基本医保"], ["hifmi_pay", "大病保险"], ["maf_pay", "医疗救助"], ["floor_pay", "兜底"],
  ["supplementary_pay", "补充"], ["warm_fund_pay", "暖心基金"], ["psn_part_amt", "个人负担"],
];

export const ruleNames = {
  return_to_poverty_risk: "因病返贫风险", impoverishment_risk: "因病致贫风险", individual_cap: "个人负担封顶",
  household_cap: "家庭负担封顶", assistance_limit: "救助年度限额", critical_deductible_met: "大病起付线已达",
  high_cost_settlement: "高额医疗费用", coverage_below_target: "保障水平未达标",
};

export const levelNames = { warning: "预警", crossed: "超线" };

/** The two monitoring rules (因病返贫 / 因病致贫): their levels open and close rows of the monitoring list a caseworker watches. */
export const monitoringRules = new Set(["return_to_poverty_risk", "impoverishment_risk"]);

/**
 * What a caseworker acts on: the two monitoring rules and the burden caps. The one set both the live
 * warnings and the monitoring list show as alarms; every other rule is information, shown quietly.
 */
export const actedOnRules = new Set([...monitoringRules, "individual_cap", "household_cap"]);

export const eventNames = {
  threshold_warning: "预警", threshold_crossed: "超线", threshold_cleared: "解除", cap_applied: "封顶",
  settlement_adjusted: "结算调整", identity_changed: "身份变更", member_moved: "成员迁入", member_left: "成员迁出", settlement_recorded: "结算", settlement_reversed: "冲销",
};

export const entryNames = { recorded: "结算", reversed: "冲销", adjusted: "调整", identity_changed: "身份变更", member_moved: "成员迁入", member_left: "成员迁出" };

export const causeNames = { reversal: "冲销", late_settlement: "迟到结算", identity_change: "身份变更", member_moved: "成员迁移" };

export function key() {
  return $("key").value;
}

export function region() {
  return $("region").value;
}

export function year() {
  return $("year").value;
}

export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** A Chinese label with the wire code beside it, so a caseworker and an operator read the same cell. */
export function labelled(names, code) {
  const cell = element("td");
  if (!code) return cell;
  if (names[code]) cell.append(element("span", names[code]), " ");
  cell.append(element("code", code));
  return cell;
}

export function yuan(value) {
  return Number(value).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A signed change: "+6,790.00", "−1,320.00" (a true minus sign), "0.00". */
export function delta(value) {
  const number = Number(value);
  return number > 0 ? `+${yuan(number)}` : number < 0 ? `−${yuan(-number)}` : yuan(0);
}

const chinaTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false,
});

/** A wire time shown in China time, whatever the browser's own zone. */
export function when(value) {
  return value ? chinaTime.format(new Date(value)).replaceAll("/", "-") : "";
}

export function amountCell(text) {
  return element("td", text, "amount");
}

/** GET under /api with the key in its header (never in the URL). Throws an Error carrying the problem's text. */
export async function get(path) {
  const response = await fetch(path, { headers: { "X-Api-Key": key() } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const fields = problem.errors ? Object.entries(problem.errors).map(([field, reasons]) => `${field}: ${[].concat(reasons).join(", ")}`).join("; ") : "";
    // A one-field problem repeats its reason as detail: said once.
    const detail = problem.detail === fields ? "" : problem.detail;
    throw new Error([`${response.status} ${problem.title || response.statusText}`, detail, fields].filter(Boolean).join(" — "));
  }
  return response;
}

/**
 * A live view's note while the read projections trail the journal (their header, whole seconds; a rebuild
 * leaves them minutes behind while settlements go on): the list may miss the latest entries.
 */
export function behindNote(response) {
  const seconds = Number(response.headers.get("Ledger-Projections-Behind") || 0);
  return seconds > 0 ? `数据滞后 ${seconds} 秒 (projections ${seconds} s behind the journal)` : "";
}

export function showError(target, error) {
  target.textContent = error.message;
  target.classList.add("error");
}

export function showNote(target, text) {
  target.textContent = text;
  target.classList.remove("error");
}

/** Prev/next buttons and "page x of y" for a paged answer ({ page, page_size, total_count }). */
export function renderPager(prefix, answer) {
  const pages = Math.max(1, Math.ceil(answer.total_count / answer.page_size));
  $(`${prefix}-page`).textContent = `第 ${answer.page} / ${pages} 页 · 共 ${answer.total_count} 条 (page ${answer.page} of ${pages}, ${answer.total_count} rows)`;
  $(`${prefix}-previous`).disabled = answer.page <= 1;
  $(`${prefix}-next`).disabled = answer.page >= pages;
}
