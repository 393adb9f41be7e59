// The public page: the citizen promises and how the measures that fulfil them are going, in plain
// words. It is published, so it says only what the plan makes public: each promise's text,
// signatories and validity, and each fulfilling measure's title and status. Nothing from a
// measure's internals (comments, notes, hours, costs, outcomes, withdrawal reasons) and no
// principal appears here; the builder reads only those fields.
#include <string>
#include <vector>

#include "report/build_support.h"

namespace trygg::report::internal {
namespace {

std::vector<std::string> PromiseColumns(const Labels& words) {
  return {words.promise, words.signed_by, words.valid_from, words.valid_to, words.promise_state};
}

std::vector<Cell> PromiseCells(const v1::CitizenPromise& p, const Labels& words) {
  auto date = [](const std::string& d) { return d.empty() ? Cell::Text("") : Cell::Date(d); };
  return {Cell::Text(p.text()),
          Cell::Text(JoinLines({p.signatories().begin(), p.signatories().end()})),
          date(p.valid_from()), date(p.valid_to()),
          Cell::Text(p.ended() ? words.ended : words.in_force)};
}

}  // namespace

Document BuildPublic(const v1::PlanReport& report, Lang lang) {
  const Labels& words = LabelsFor(lang);
  const Index index(report);
  Document document;
  document.lang = lang;
  SetTitle(report, words.public_title, words, &document);
  std::vector<std::string> sheets;
  document.summary = {words.summary, SheetName(words.summary, &sheets), {}};
  document.summary.blocks.push_back(Paragraph{words.public_intro});
  Table promises{words.public_title, PromiseColumns(words), {}};

  document.flat.columns = PromiseColumns(words);
  document.flat.columns.push_back(words.measure);
  document.flat.columns.push_back(words.status);
  int n = 0;
  for (const v1::CitizenPromise& p : report.overview().citizen_promises()) {
    const std::vector<Cell> cells = PromiseCells(p, words);
    promises.rows.push_back(cells);
    const std::string name = std::string(words.promise) + " " + std::to_string(++n);
    Section section{name, SheetName(name, &sheets), {}};
    section.blocks.push_back(Paragraph{p.text()});
    Table measures{words.fulfilled_by, {words.measure, words.status}, {}};
    for (const std::string& id : p.measure_ids()) {
      const v1::Measure* m = index.FindMeasure(id);
      std::vector<Cell> row = {
          Cell::Text(m == nullptr ? std::string(words.unknown_measure) : m->title()),
          Cell::Text(m == nullptr ? "" : PublicStatusLabel(lang, m->status()))};
      measures.rows.push_back(row);
      std::vector<Cell> flat = cells;
      flat.insert(flat.end(), row.begin(), row.end());
      document.flat.rows.push_back(std::move(flat));
    }
    if (p.measure_ids().empty()) {
      std::vector<Cell> flat = cells;
      flat.push_back(Cell::Text(""));
      flat.push_back(Cell::Text(""));
      document.flat.rows.push_back(std::move(flat));
    }
    section.blocks.push_back(std::move(measures));
    document.sections.push_back(std::move(section));
  }
  document.summary.blocks.push_back(std::move(promises));
  return document;
}

}  // namespace trygg::report::internal
