// Report downloads. The key travels in a header, so a download is a fetch turned into a Blob and saved
// through a temporary link (a plain link would have to put the key in the URL).
import { $, get, showError, showNote, region } from "./common.js";

export function setUpReports() {
  // The report is sent after a month ends: the last month is the one usually asked for.
  const month = $("report-month");
  const last = new Date();
  last.setDate(1);
  last.setMonth(last.getMonth() - 1);
  month.value = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, "0")}`;
  $("reports").addEventListener("submit", (event) => {
    event.preventDefault();
    download(event.submitter?.value || "monthly", month.value);
  });
}

async function download(report, month) {
  const status = $("reports-status");
  showNote(status, "下载中 Downloading…");
  try {
    const response = await get(`/api/regions/${encodeURIComponent(region())}/reports/${report}?month=${encodeURIComponent(month)}`);
    const blob = await response.blob();
    const name = fileName(response) || `${report}-${region()}-${month}.csv`;
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    showNote(status, `已下载 Downloaded ${name} (${blob.size.toLocaleString("zh-CN")} bytes)`);
  } catch (error) {
    showError(status, error);
  }
}

/** The file name the server suggests in Content-Disposition, if any. */
function fileName(response) {
  const disposition = response.headers.get("Content-Disposition") || "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
