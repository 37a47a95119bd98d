// Live events of the region. The warnings panel holds what a caseworker acts on: the two monitoring
// rules (因病返贫 / 因病致贫) and the burden caps. Everything else the stream carries (a critical deductible
// met, a high-cost settlement, an adjustment, an identity change …) goes to the quieter "all events" list.
// Within the warnings, one thing is one alarm: a warning that the same settlement took on over the line
// is shown quietly beside its crossing, a cap is an alarm when first applied to a subject in a year (the
// warm fund's later payments under it are listed quietly), and a level already open is not raised again
// when a re-adjudication restates it at another settlement (a late settlement dated before it, a reversal):
// the restatement is listed quietly, marked, with the settlement that now reaches the level.
import { $, element, labelled, eventNames, ruleNames, monitoringRules, actedOnRules, yuan, when, amountCell, key, region } from "./common.js";

const kinds = ["threshold_warning", "threshold_crossed", "threshold_cleared", "cap_applied", "settlement_adjusted", "identity_changed",
  "member_moved", "member_left", "settlement_recorded", "settlement_reversed"];
const rowsMax = 200;
const capsAlarmed = new Set();
// The levels open as the stream has told them (subject, rule, level, year): opened by a warning or a
// crossing, closed by their clearing. A level seen open again is a restatement, not a second alarm.
const openLevels = new Set();
let source = null;
let seen = 0;
let onMonitoringChange = () => {};

/** A warning to act on: a monitoring rule or a cap reached (raised or capped), or one of those cleared. */
export function isWarning(e) {
  return actedOnRules.has(e.rule) && ["threshold_warning", "threshold_crossed", "threshold_cleared", "cap_applied"].includes(e.kind);
}

export function isAlarm(e) {
  return isWarning(e) && e.kind !== "threshold_cleared";
}

/** Whether the event opens, raises or closes a row of the monitoring list. */
export function changesMonitoring(e) {
  return monitoringRules.has(e.rule) && ["threshold_warning", "threshold_crossed", "threshold_cleared"].includes(e.kind);
}

/** Follows the region's events; <paramref name="monitoringChanged"/> gets each event that changes the monitoring list. */
export function watch(monitoringChanged) {
  onMonitoringChange = monitoringChanged;
  if (source) source.close();
  const watched = region();
  source = new EventSource(`/api/events/stream?region=${encodeURIComponent(watched)}&key=${encodeURIComponent(key())}`);
  source.onopen = () => { $("status").textContent = `● 已连接 live (${watched})`; };
  source.onerror = () => { $("status").textContent = "○ 重新连接中 reconnecting…"; };
  for (const kind of kinds) {
    source.addEventListener(kind, (message) => add(JSON.parse(message.data)));
  }
}

function add(e) {
  if (isWarning(e)) {
    const restated = isLevel(e) && openLevels.has(levelOf(e));
    prepend($("warnings"), row(e, isAlarm(e) && !restated && firstAlarm(e) ? "alarm" : "quiet", restated));
  }
  if (isLevel(e)) openLevels.add(levelOf(e));
  if (e.kind === "threshold_cleared") openLevels.delete(levelOf(e));
  prepend($("all-events"), row(e, "quiet"));
  $("all-events-count").textContent = String(++seen);
  if (changesMonitoring(e)) onMonitoringChange(e);
}

/** False for a cap already alarmed for its subject and year; a crossing quietens its own settlement's warning. */
function firstAlarm(e) {
  if (e.kind === "cap_applied") {
    const cap = `${e.subject_type}|${e.subject_id}|${e.rule}|${e.year}`;
    if (capsAlarmed.has(cap)) return false;
    capsAlarmed.add(cap);
  }
  if (e.kind === "threshold_crossed") {
    for (const tr of $("warnings").querySelectorAll("tr.threshold_warning.alarm")) {
      if (tr.dataset.raisedBy === raisedBy(e)) tr.classList.replace("alarm", "quiet");
    }
  }
  return true;
}

/** A warning or a crossing: the opening (or, restated, the new place) of a level. */
function isLevel(e) {
  return e.kind === "threshold_warning" || e.kind === "threshold_crossed";
}

/** The subject, rule, level and year of a level event: open once until its clearing. */
function levelOf(e) {
  return `${e.subject_type}|${e.subject_id}|${e.rule}|${e.level}|${e.year}`;
}

/** The subject, rule and settlement of an event: a warning and a crossing with the same one are one alarm. */
function raisedBy(e) {
  return `${e.subject_type}|${e.subject_id}|${e.rule}|${e.setl_id}`;
}

function row(e, tone, restated = false) {
  const tr = element("tr", null, `${e.kind} ${tone}${restated ? " restated" : ""}`);
  tr.dataset.raisedBy = raisedBy(e);
  const subject = `${e.subject_type === "household" ? "户" : "人"} ${e.subject_id}`;
  const rule = labelled(ruleNames, e.rule);
  if (e.level) rule.append(` · ${e.level}`);
  if (e.cause) rule.append(` · ${e.cause} ← ${e.cause_id || ""}`);
  if (e.kind === "cap_applied") rule.append(" · 暖心基金支付 warm fund paid");
  if (restated) rule.append(` · 重新认定 restated at ${e.setl_id || ""}`);
  tr.append(element("td", when(e.setl_time || e.logged_at)), labelled(eventNames, e.kind), rule, element("td", subject),
    amountCell(e.rule ? yuan(e.value) : ""), amountCell(e.rule ? yuan(e.threshold) : ""));
  return tr;
}

function prepend(body, tr) {
  body.prepend(tr);
  while (body.rows.length > rowsMax) body.deleteRow(body.rows.length - 1);
}
