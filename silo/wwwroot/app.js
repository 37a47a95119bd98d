// The caseworker page: the monitoring list, report downloads, settlement history, the household
// lookup and live warnings for one region and year; a live monitoring event refreshes the list.
// The key stays in this tab's session storage.
import { $ } from "./common.js";
import { setUpMonitoring, loadMonitoring, refreshSoon } from "./monitoring.js";
import { setUpReports } from "./reports.js";
import { setUpHistory, openHistory } from "./history.js";
import { setUpHousehold } from "./household.js";
import { watch } from "./live.js";

$("key").value = sessionStorage.getItem("ledger-key") || "";
$("year").value = new Date().getFullYear();
setUpMonitoring(openHistory);
setUpReports();
setUpHistory();
setUpHousehold();

$("access").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("ledger-key", $("key").value);
  watch(refreshSoon);
  loadMonitoring(1);
});
