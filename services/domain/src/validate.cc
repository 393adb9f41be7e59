#include "trygg/domain/validate.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "errors.h"
#include "field_checks.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/period.h"

namespace trygg::domain {
namespace {

using internal::CheckCommandId;
using internal::CheckDate;
using internal::CheckEnum;
using internal::CheckFinite;
using internal::CheckIdList;
using internal::CheckLine;
using internal::CheckName;
using internal::CheckOptionalId;
using internal::CheckRequiredText;
using internal::CheckText;
using internal::InvalidArgument;
using internal::WhenEmpty;

grpc::Status CheckFocusAreas(const v1::CreatePlanRequest& request) {
  const auto count = static_cast<std::size_t>(request.focus_areas_size());
  if (count < kMinFocusAreas) return InvalidArgument("focus_areas must have at least one entry");
  if (count > kMaxFocusAreas) {
    return InvalidArgument("focus_areas must have at most " + std::to_string(kMaxFocusAreas) +
                           " entries (got " + std::to_string(count) + ")");
  }
  std::unordered_map<std::string_view, int> first_index;  // key -> index of its first use
  for (int i = 0; i < request.focus_areas_size(); ++i) {
    const v1::FocusArea& area = request.focus_areas(i);
    const std::string prefix = "focus_areas[" + std::to_string(i) + "]";
    TRYGG_RETURN_IF_ERROR(CheckId(prefix + ".key", area.key()));
    TRYGG_RETURN_IF_ERROR(CheckName(prefix + ".name", area.name(), kMaxNameChars));
    const auto [it, inserted] = first_index.emplace(area.key(), i);
    if (!inserted) {
      return InvalidArgument(prefix + ".key '" + area.key() + "' repeats focus_areas[" +
                             std::to_string(it->second) + "].key; keys must be unique");
    }
  }
  return grpc::Status::OK;
}

bool IsLeapYear(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

// The value of a run of ASCII digits; -1 if any character is not a digit.
int ParseDigits(std::string_view digits) noexcept {
  int value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool IsValidId(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxIdChars) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsValidDate(std::string_view date) noexcept {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  const int year = ParseDigits(date.substr(0, 4));
  const int month = ParseDigits(date.substr(5, 2));
  const int day = ParseDigits(date.substr(8, 2));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= DaysInMonth(year, month);
}

grpc::Status Validate(const v1::CreatePlanRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("plan_id", request.plan_id()));
  TRYGG_RETURN_IF_ERROR(CheckName("name", request.name(), kMaxNameChars));
  TRYGG_RETURN_IF_ERROR(CheckName("municipality", request.municipality(), kMaxNameChars));
  return CheckFocusAreas(request);
}

grpc::Status Validate(const v1::RegisterAgencyRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("agency_id", request.agency_id()));
  TRYGG_RETURN_IF_ERROR(CheckName("name", request.name(), kMaxNameChars));
  return CheckLine("kind", request.kind(), kMaxKindChars);
}

grpc::Status Validate(const v1::ProposeMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("plan_id", request.plan_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("focus_area", request.focus_area()));
  TRYGG_RETURN_IF_ERROR(CheckName("title", request.title(), kMaxNameChars));
  TRYGG_RETURN_IF_ERROR(CheckText("description", request.description(), kMaxTextChars));
  TRYGG_RETURN_IF_ERROR(CheckOptionalId("measure_id", request.measure_id(), WhenEmpty::kGenerated));
  TRYGG_RETURN_IF_ERROR(CheckIdList("cause_ids", request.cause_ids(), 0, kMaxCausesPerMeasure));
  TRYGG_RETURN_IF_ERROR(CheckEnum("kind", request.kind(), /*required=*/false));
  TRYGG_RETURN_IF_ERROR(CheckEnum("effort", request.effort(), /*required=*/false));
  return CheckEnum("expected_effect", request.expected_effect(), /*required=*/false);
}

grpc::Status Validate(const v1::PrioritiseMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  // proto3 enums are open: a newer client may send a value this build does not know.
  TRYGG_RETURN_IF_ERROR(CheckEnum("priority", request.priority(), /*required=*/true));
  return CheckText("rationale", request.rationale(), kMaxTextChars);
}

grpc::Status Validate(const v1::AssignMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("agency_id", request.agency_id()));
  TRYGG_RETURN_IF_ERROR(CheckDate("due_date", request.due_date()));
  return CheckText("note", request.note(), kMaxTextChars);
}

grpc::Status Validate(const v1::StartMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  return CheckId("measure_id", request.measure_id());
}

grpc::Status Validate(const v1::ReportProgressRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  if (request.percent_complete() > kMaxPercentComplete) {
    return InvalidArgument("percent_complete must be 0-100 (got " +
                           std::to_string(request.percent_complete()) + ")");
  }
  return CheckText("note", request.note(), kMaxTextChars);
}

grpc::Status Validate(const v1::CompleteMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  return CheckText("outcome", request.outcome(), kMaxTextChars);
}

grpc::Status Validate(const v1::WithdrawMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  return CheckText("reason", request.reason(), kMaxTextChars);
}

// --- A measure's causes, goals, partners and follow-up ----------------------------------------

grpc::Status Validate(const v1::LinkMeasureToCauseRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  return CheckId("cause_id", request.cause_id());
}

grpc::Status Validate(const v1::UnlinkMeasureFromCauseRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("cause_id", request.cause_id()));
  return CheckText("reason", request.reason(), kMaxTextChars);
}

grpc::Status Validate(const v1::SetOperationalGoalRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  TRYGG_RETURN_IF_ERROR(CheckOptionalId("goal_id", request.goal_id(), WhenEmpty::kGenerated));
  TRYGG_RETURN_IF_ERROR(CheckName("indicator", request.indicator(), kMaxNameChars));
  TRYGG_RETURN_IF_ERROR(CheckLine("unit", request.unit(), kMaxUnitChars));
  TRYGG_RETURN_IF_ERROR(CheckFinite("baseline", request.baseline()));
  TRYGG_RETURN_IF_ERROR(CheckFinite("target", request.target()));
  return CheckDate("by_date", request.by_date());
}

grpc::Status Validate(const v1::RetireOperationalGoalRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("goal_id", request.goal_id()));
  return CheckText("reason", request.reason(), kMaxTextChars);
}

grpc::Status Validate(const v1::AddPartnerRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("agency_id", request.agency_id()));
  return CheckRequiredText("commitment", request.commitment(), kMaxStatementChars);
}

grpc::Status Validate(const v1::RemovePartnerRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("agency_id", request.agency_id()));
  return CheckText("reason", request.reason(), kMaxTextChars);
}

namespace {

grpc::Status CheckHours(double hours) {
  if (std::isfinite(hours) && hours >= 0 && hours <= kMaxFollowUpHours) return grpc::Status::OK;
  return InvalidArgument("hours must be a finite number 0-100000");
}

// A yellow or red mark says something is behind: the comment says what and why.
grpc::Status CheckFollowUpComment(const v1::RecordFollowUpRequest& request) {
  if (request.health() == v1::HEALTH_YELLOW || request.health() == v1::HEALTH_RED) {
    return CheckRequiredText("comment", request.comment(), kMaxTextChars);
  }
  return CheckText("comment", request.comment(), kMaxTextChars);
}

// At most one value per goal, each for a valid goal id, each finite.
grpc::Status CheckIndicatorValues(const v1::RecordFollowUpRequest& request) {
  if (static_cast<std::size_t>(request.values_size()) > kMaxGoalsPerMeasure) {
    return InvalidArgument("values must have at most " + std::to_string(kMaxGoalsPerMeasure) +
                           " entries (got " + std::to_string(request.values_size()) + ")");
  }
  for (int i = 0; i < request.values_size(); ++i) {
    const std::string field = "values[" + std::to_string(i) + "]";
    const v1::IndicatorValue& value = request.values(i);
    TRYGG_RETURN_IF_ERROR(CheckId(field + ".goal_id", value.goal_id()));
    for (int j = 0; j < i; ++j) {
      if (request.values(j).goal_id() == value.goal_id()) {
        return InvalidArgument(field + ".goal_id '" + value.goal_id() + "' repeats values[" +
                               std::to_string(j) + "].goal_id; one value per goal");
      }
    }
    TRYGG_RETURN_IF_ERROR(CheckFinite(field + ".value", value.value()));
  }
  return grpc::Status::OK;
}

}  // namespace

grpc::Status Validate(const v1::RecordFollowUpRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  if (const Result<Period> period = ParsePeriod(request.period()); !period.ok()) {
    return period.status();
  }
  TRYGG_RETURN_IF_ERROR(CheckOptionalId("party", request.party(), WhenEmpty::kNone));
  TRYGG_RETURN_IF_ERROR(CheckEnum("health", request.health(), /*required=*/true));
  TRYGG_RETURN_IF_ERROR(CheckHours(request.hours()));
  if (request.cost_sek() > kMaxFollowUpCostSek) {
    return InvalidArgument("cost_sek must be 0-10000000000 (got " +
                           std::to_string(request.cost_sek()) + ")");
  }
  TRYGG_RETURN_IF_ERROR(CheckFollowUpComment(request));
  return CheckIndicatorValues(request);
}

}  // namespace trygg::domain
