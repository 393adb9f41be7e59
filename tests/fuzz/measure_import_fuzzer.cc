// Fuzzes `trygg measure import` (clients/cli/measure_import.h) from the file's bytes to the
// requests, as RunImport and CheckRows do: the CSV read with its guessed separator
// (clients/common/csv.h), the header, then each row parsed and made a ProposeMeasure request
// under a fixed plan, checked with the domain's validation. A record read back must also survive
// CsvRecord and ReadCsv unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/measure_import.h"
#include "common/csv.h"
#include "trygg/check.h"
#include "trygg/v1/action_plan.pb.h"

namespace trygg::cli {
namespace {

// A plan the rows are checked against: two focus areas, numbered causes in one of them.
const ImportPlan& Plan() {
  static const ImportPlan* const plan = [] {
    auto* p = new ImportPlan();
    p->plan_id = "plan-2026";
    p->focus_areas = {"trygghet-centrum", "unga"};
    p->numbered_causes["trygghet-centrum"] = {{1, "c-belysning"}, {2, "c-folkliv"}};
    p->cause_ids = {"c-belysning", "c-folkliv"};
    return p;
  }();
  return *plan;
}

void CheckCsvRoundTrip(const std::vector<client::CsvLine>& records, char separator) {
  if (separator != ',') return;  // CsvRecord writes commas only
  for (const client::CsvLine& record : records) {
    std::vector<client::CsvLine> again;
    const client::Outcome read = client::ReadCsv(client::CsvRecord(record.fields), ',', 2, &again);
    TRYGG_CHECK(read.ok() && again.size() == 1 && again.front().fields == record.fields,
                "a record CsvRecord writes reads back as itself");
  }
}

}  // namespace
}  // namespace trygg::cli

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace trygg;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const char separator = client::GuessCsvSeparator(text);
  std::vector<client::CsvLine> records;
  if (!client::ReadCsv(text, separator, cli::kMaxImportRows + 1, &records).ok()) return 0;
  cli::CheckCsvRoundTrip(records, separator);
  if (records.empty()) return 0;
  cli::ImportColumns columns;
  if (!cli::ImportColumns::FromHeader(records.front(), &columns).ok()) return 0;
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (cli::ImportColumns::IsBlank(records[i])) continue;
    cli::ImportRow row;
    if (!columns.Parse(records[i], &row).empty()) continue;
    v1::ProposeMeasureRequest request;
    (void)cli::ImportRequest(row, cli::Plan(), &request);
  }
  return 0;
}
