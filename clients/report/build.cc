#include "report/build.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <set>

#include "common/text.h"
#include "report/build_support.h"

namespace trygg::report {
namespace internal {

std::string WithUnit(double value, const std::string& unit) {
  return unit.empty() ? client::PlainNumber(value) : client::PlainNumber(value) + " " + unit;
}

Health HealthOf(int v1_health) {
  switch (v1_health) {
    case v1::HEALTH_GREEN: return Health::kGreen;
    case v1::HEALTH_YELLOW: return Health::kYellow;
    case v1::HEALTH_RED: return Health::kRed;
    default: return Health::kNone;
  }
}

Health Worse(Health a, Health b) {
  // The enum runs from none to red, so the worse of two is the larger.
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

Index::Index(const v1::PlanReport& report) {
  for (const v1::Agency& a : report.agencies()) {
    if (!a.name().empty()) agencies_[a.agency_id()] = a.name();
  }
  for (const v1::FocusAreaOverview& a : report.overview().focus_areas()) {
    areas_[a.focus_area().key()] = a.focus_area().name();
  }
  for (const v1::FocusAreaPicture& area : report.situation().focus_areas()) {
    if (!areas_.contains(area.focus_area().key())) {
      areas_[area.focus_area().key()] = area.focus_area().name();
    }
    for (const v1::Cause& c : area.causes()) {
      if (!c.retired()) causes_[c.cause_id()] = &c;
    }
    for (const v1::Finding& f : area.findings()) findings_[f.finding_id()] = &f;
  }
  for (const v1::Measure& m : report.measures()) measures_[m.measure_id()] = &m;
}

std::string Index::AgencyName(const std::string& agency_id) const {
  const auto it = agencies_.find(agency_id);
  return it == agencies_.end() ? agency_id : it->second;
}

std::string Index::AreaName(const std::string& key) const {
  const auto it = areas_.find(key);
  return it == areas_.end() || it->second.empty() ? key : it->second;
}

const v1::Measure* Index::FindMeasure(const std::string& measure_id) const {
  const auto it = measures_.find(measure_id);
  return it == measures_.end() ? nullptr : it->second;
}

const v1::Cause* Index::FindCause(const std::string& cause_id) const {
  const auto it = causes_.find(cause_id);
  return it == causes_.end() ? nullptr : it->second;
}

const v1::Finding* Index::FindFinding(const std::string& finding_id) const {
  const auto it = findings_.find(finding_id);
  return it == findings_.end() ? nullptr : it->second;
}

Numbering::Numbering(const v1::PlanReport& report, const Index& index) : index_(index) {
  // The groups, one per current cause, in each focus area's order (the situation lists causes by
  // number).
  std::map<std::string, std::pair<std::string, std::size_t>> group_of;  // cause → (area, index)
  for (const v1::FocusAreaPicture& picture : report.situation().focus_areas()) {
    Area& area = areas_[picture.focus_area().key()];
    for (const v1::Cause& c : picture.causes()) {
      if (c.retired()) continue;
      group_of[c.cause_id()] = {picture.focus_area().key(), area.causes.size()};
      area.causes.push_back({&c, {}});
    }
  }
  std::vector<const v1::Measure*> measures;
  for (const v1::Measure& m : report.measures()) {
    if (m.status() != v1::MEASURE_STATUS_WITHDRAWN) measures.push_back(&m);
  }
  std::stable_sort(
      measures.begin(), measures.end(),
      [](const v1::Measure* a, const v1::Measure* b) { return a->measure_id() < b->measure_id(); });
  // First pass: numbers, and each measure under its first cause.
  std::map<std::string, int> count;  // cause id → measures numbered under it so far
  std::vector<std::pair<const v1::Measure*, std::vector<std::string>>> further;
  for (const v1::Measure* m : measures) {
    std::vector<std::string> cited;  // current causes, in link order, without repeats
    for (const std::string& id : m->cause_ids()) {
      if (group_of.contains(id) && std::find(cited.begin(), cited.end(), id) == cited.end()) {
        cited.push_back(id);
      }
    }
    if (cited.empty()) {
      numbers_[m->measure_id()] = "–";
      home_area_[m->measure_id()] = m->focus_area();
      areas_[m->focus_area()].without_cause.push_back({m, "–"});
      continue;
    }
    const auto& [area_key, group] = group_of.at(cited.front());
    CauseGroup& first = areas_.at(area_key).causes[group];
    const std::string number =
        std::to_string(first.cause->number()) + "." + std::to_string(++count[cited.front()]);
    numbers_[m->measure_id()] = number;
    home_area_[m->measure_id()] = area_key;
    first.measures.push_back({m, number});
    cited.erase(cited.begin());
    if (!cited.empty()) further.emplace_back(m, std::move(cited));
  }
  // The plan's order, while the groups hold only the measures numbered in them.
  std::size_t place = 0;
  for (const auto& [key, area] : areas_) {
    for (const CauseGroup& group : area.causes) {
      for (const Listed& listed : group.measures) rank_[listed.measure->measure_id()] = place++;
    }
    for (const Listed& listed : area.without_cause) rank_[listed.measure->measure_id()] = place++;
  }
  // Second pass: under each further cause, after the measures numbered there.
  for (const auto& [m, causes] : further) {
    for (const std::string& id : causes) {
      const auto& [area_key, group] = group_of.at(id);
      areas_.at(area_key).causes[group].measures.push_back(
          {m, NumberIn(m->measure_id(), area_key)});
    }
  }
}

std::pair<std::size_t, std::string> Numbering::PlanOrder(const std::string& measure_id) const {
  const auto it = rank_.find(measure_id);
  return {it == rank_.end() ? rank_.size() : it->second, measure_id};
}

const Numbering::Area& Numbering::AreaOf(const std::string& key) const {
  const auto it = areas_.find(key);
  return it == areas_.end() ? empty_ : it->second;
}

std::string Numbering::NumberIn(const std::string& measure_id, const std::string& area) const {
  const auto it = numbers_.find(measure_id);
  if (it == numbers_.end()) return "";
  const std::string& home = home_area_.at(measure_id);
  return home == area ? it->second : index_.AreaName(home) + " " + it->second;
}

std::vector<std::pair<std::string, std::string>> Facts(const v1::PlanReport& report,
                                                       const Labels& words) {
  std::string version = words.not_adopted;
  if (report.plan_version() > 0) {
    version = std::to_string(report.plan_version());
    const v1::PlanAdoption& adoption = report.overview().latest_adoption();
    if (adoption.version() == report.plan_version()) {
      std::string about = std::string(words.adopted_by) + " " + adoption.adopted_by() + " " +
                          words.on_date + " " + adoption.decision_date();
      if (!adoption.reference().empty()) about += ", " + adoption.reference();
      version += " (" + about + ")";
    }
  }
  return {
      {words.position, std::to_string(report.position())},
      {words.recorded_at, google::protobuf::util::TimeUtil::ToString(report.recorded_at())},
      {words.head_hash, report.head_hash()},
      {words.plan_version, version},
      {words.period, report.period().empty() ? std::string(words.no_period) : report.period()},
  };
}

void SetTitle(const v1::PlanReport& report, const std::string& kind_title, const Labels& words,
              Document* document) {
  const std::string& name =
      report.overview().name().empty() ? report.overview().plan_id() : report.overview().name();
  document->title = kind_title + " – " + name;
  document->subtitle = std::string(words.as_of) + " " + report.today();
  document->facts = Facts(report, words);
  document->reflects_unix_seconds = report.recorded_at().seconds();
}

namespace {

constexpr std::size_t kMaxSheetName = 31;  // Excel's limit, in characters

// `text` cut to at most `max` code points (UTF-8), never inside one.
std::string CutCodePoints(std::string_view text, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_code_point = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_code_point && count++ == max) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

// `text` in lower case as spreadsheet programs compare sheet names: ASCII and the Latin-1
// letters (À–Þ, so Å, Ä and Ö), which Swedish names use.
std::string Lower(std::string_view text) {
  std::string lower(text);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const auto c = static_cast<unsigned char>(lower[i]);
    if (c >= 'A' && c <= 'Z') lower[i] = static_cast<char>(c + ('a' - 'A'));
    if (c == 0xC3 && i + 1 < lower.size()) {
      const auto next = static_cast<unsigned char>(lower[i + 1]);
      // U+00C0–U+00DE are two bytes C3 80–9E; × (U+00D7) has no lower case.
      if (next >= 0x80 && next <= 0x9E && next != 0x97)
        lower[i + 1] = static_cast<char>(next + 0x20);
    }
  }
  return lower;
}

}  // namespace

std::string SheetName(std::string_view wanted, std::vector<std::string>* used) {
  std::string clean;
  for (const char c : wanted) {
    clean += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : ' ';
  }
  // Spreadsheet programs also refuse a name that begins or ends with an apostrophe or is empty.
  while (!clean.empty() && (clean.front() == '\'' || clean.front() == ' ')) clean.erase(0, 1);
  while (!clean.empty() && (clean.back() == '\'' || clean.back() == ' ')) clean.pop_back();
  if (clean.empty()) clean = "Blad";
  std::string name = CutCodePoints(clean, kMaxSheetName);
  auto taken = [used](const std::string& candidate) {
    return std::any_of(used->begin(), used->end(),
                       [&candidate](const std::string& u) { return Lower(u) == Lower(candidate); });
  };
  for (int n = 2; taken(name); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = CutCodePoints(clean, kMaxSheetName - suffix.size()) + suffix;
  }
  used->push_back(name);
  return name;
}

std::string CauseHeading(const v1::Cause& cause, const Labels& words) {
  return std::string(words.cause) + " " + std::to_string(cause.number()) + ": " + cause.text();
}

std::string JoinLines(const std::vector<std::string>& lines, std::string_view separator) {
  return client::JoinNonEmpty(lines, separator);
}

}  // namespace internal

v1::PlanReport MergePages(std::span<const v1::PlanReport> pages) {
  if (pages.empty()) return {};
  v1::PlanReport merged = pages.front();
  for (const v1::PlanReport& page : pages.subspan(1)) {
    merged.mutable_measures()->MergeFrom(page.measures());
    merged.mutable_period_follow_ups()->MergeFrom(page.period_follow_ups());
    merged.mutable_changes()->MergeFrom(page.changes());
    // Each page's traceability holds its own measures, under the same focus areas.
    for (const v1::FocusAreaTrace& area : page.traceability().focus_areas()) {
      v1::FocusAreaTrace* into = nullptr;
      for (v1::FocusAreaTrace& candidate : *merged.mutable_traceability()->mutable_focus_areas()) {
        if (candidate.focus_area().key() == area.focus_area().key()) into = &candidate;
      }
      if (into == nullptr) {
        into = merged.mutable_traceability()->add_focus_areas();
        *into->mutable_focus_area() = area.focus_area();
      }
      into->mutable_measures()->MergeFrom(area.measures());
    }
  }
  merged.set_next_page_token(pages.back().next_page_token());
  merged.mutable_traceability()->set_next_page_token(pages.back().traceability().next_page_token());
  return merged;
}

Document BuildDocument(const v1::PlanReport& report, Kind kind, Lang lang) {
  switch (kind) {
    case Kind::kPlan: return internal::BuildPlan(report, lang);
    case Kind::kFollowUp: return internal::BuildFollowUp(report, lang);
    case Kind::kPublic: return internal::BuildPublic(report, lang);
  }
  return {};
}

}  // namespace trygg::report
