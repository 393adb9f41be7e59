// What the three report builders share (build.cc, build_plan.cc, build_follow_up.cc,
// build_public.cc): the facts under the title, names looked up in the report, the plan's numbering
// of measures, and small formatting rules. Internal to trygg_report.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "report/document.h"
#include "report/labels.h"
#include "report/plain.h"
#include "trygg/v1/status.pb.h"

namespace trygg::report::internal {

namespace v1 = ::trygg::v1;

// A value with its unit: "30 %", "25" (no unit).
std::string WithUnit(double value, const std::string& unit);

Health HealthOf(int v1_health);
// The more alarming of two: red before yellow before green before none.
Health Worse(Health a, Health b);

// The lookups every builder needs, over one (merged) report.
class Index {
 public:
  explicit Index(const v1::PlanReport& report);

  // The agency's registered name, or its id when it has none.
  std::string AgencyName(const std::string& agency_id) const;
  // The focus area's name, or its key.
  std::string AreaName(const std::string& key) const;
  const v1::Measure* FindMeasure(const std::string& measure_id) const;  // null when not on a page
  const v1::Cause* FindCause(const std::string& cause_id) const;        // null when retired
  const v1::Finding* FindFinding(const std::string& finding_id) const;

 private:
  std::map<std::string, std::string> agencies_;
  std::map<std::string, std::string> areas_;
  std::map<std::string, const v1::Measure*> measures_;
  std::map<std::string, const v1::Cause*> causes_;
  std::map<std::string, const v1::Finding*> findings_;
};

// The plan's numbering of measures, as the council's template numbers them. Withdrawn measures
// are not part of the plan and get no number. A measure's first cause is the first of its
// cause_ids that is a current cause; the measures sharing a first cause are numbered
// "<cause number>.<n>" in measure-id order. A measure is listed under each of its causes with that
// one number; a measure without a current cause gets "–" and is listed last in its focus area.
class Numbering {
 public:
  Numbering(const v1::PlanReport& report, const Index& index);
  Numbering(const Numbering&) = delete;
  Numbering& operator=(const Numbering&) = delete;

  struct Listed {
    const v1::Measure* measure;
    // The measure's number as shown in this focus area: "2.1", or "Narkotika 2.1" when its first
    // cause is in another focus area.
    std::string number;
  };
  struct CauseGroup {
    const v1::Cause* cause;
    // Those numbered under this cause first, then those that cite it as a further cause.
    std::vector<Listed> measures;
  };
  struct Area {
    std::vector<CauseGroup> causes;  // by number
    std::vector<Listed> without_cause;
  };

  // The focus area's causes and measures (an empty Area for an unknown key).
  const Area& AreaOf(const std::string& key) const;
  // The measure's number as shown in focus area `area`: "2.1", "Narkotika 2.1" when its first
  // cause is in another focus area, "–" without a cause, "" for a withdrawn or unknown measure.
  std::string NumberIn(const std::string& measure_id, const std::string& area) const;
  // A key that sorts measures of one focus area in the plan's order: by cause number and then
  // number within the cause, those without a cause after them, withdrawn (unnumbered) ones last
  // in id order.
  std::pair<std::size_t, std::string> PlanOrder(const std::string& measure_id) const;
  // `measures`, sorted by PlanOrder.
  template <class M>
  void SortInPlanOrder(std::vector<const M*>* measures) const {
    std::sort(measures->begin(), measures->end(), [this](const M* a, const M* b) {
      return PlanOrder(a->measure_id()) < PlanOrder(b->measure_id());
    });
  }

 private:
  std::map<std::string, Area> areas_;
  std::map<std::string, std::string> numbers_;
  std::map<std::string, std::string> home_area_;  // measure id → the focus area of its number
  std::map<std::string, std::size_t> rank_;       // measure id → place in the plan's order
  const Index& index_;
  Area empty_;
};

// The lines under the title: log position, its time (UTC, ISO 8601), the head hash, the plan
// version in force (with its adoption), the period.
std::vector<std::pair<std::string, std::string>> Facts(const v1::PlanReport& report,
                                                       const Labels& words);
// "<kind title> – <plan name>" and "<as of> <today>".
void SetTitle(const v1::PlanReport& report, const std::string& kind_title, const Labels& words,
              Document* document);

// xlsx sheet names: at most 31 characters, none of []:*?/\, unique in the document (without
// regard to case, as spreadsheet programs compare them). `used` holds those given so far.
std::string SheetName(std::string_view wanted, std::vector<std::string>* used);

// "Orsak 2: text".
std::string CauseHeading(const v1::Cause& cause, const Labels& words);
// Texts joined with "\n" (a writer shows one per line), or with `separator`.
std::string JoinLines(const std::vector<std::string>& lines, std::string_view separator = "\n");

Document BuildPlan(const v1::PlanReport& report, Lang lang);
Document BuildFollowUp(const v1::PlanReport& report, Lang lang);
Document BuildPublic(const v1::PlanReport& report, Lang lang);

}  // namespace trygg::report::internal
