// The read side of Projections: everything here is const and reads the indexes kept by Apply.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cstdint>
#include <string>

#include "measure_facts.h"
#include "page_token.h"
#include "projections_state.h"
#include "trygg/projections/limits.h"
#include "trygg/projections/projections.h"

namespace trygg::projections {
namespace {

using internal::ProjectionsState;

// The view as a client sees it: `overdue` depends on the date, so it is set per query.
void AppendView(const v1::Measure& measure, std::string_view today,
                google::protobuf::RepeatedPtrField<v1::Measure>* out) {
  v1::Measure* view = out->Add();
  *view = measure;
  view->set_overdue(IsOverdue(measure.status(), measure.due_date(), today));
}

// One AgencyStatus.measures entry: the stored view's bytes (serialised once per change, see
// MeasureEntry::Bytes), then `overdue` when true. Stored views never set `overdue` (it depends on
// the date), and a parser takes fields in any order, so this is the entry AppendView would make.
void AppendMeasure(const MeasureEntry& entry, std::string_view today,
                   google::protobuf::io::CodedOutputStream& out) {
  using google::protobuf::io::CodedOutputStream;
  constexpr uint32_t kLengthDelimited = 2;
  constexpr uint32_t kVarint = 0;
  constexpr uint32_t kEntryTag = (v1::AgencyStatus::kMeasuresFieldNumber << 3) | kLengthDelimited;
  constexpr uint32_t kOverdueTag = (v1::Measure::kOverdueFieldNumber << 3) | kVarint;
  const bool overdue = IsOverdue(entry.view.status(), entry.view.due_date(), today);
  const std::string& bytes = entry.Bytes();
  out.WriteTag(kEntryTag);
  out.WriteVarint64(bytes.size() +
                    (overdue ? CodedOutputStream::VarintSize32(kOverdueTag) + 1 : 0));
  out.WriteRaw(bytes.data(), static_cast<int>(bytes.size()));
  if (overdue) {
    out.WriteTag(kOverdueTag);
    out.WriteVarint32(1);
  }
}

grpc::Status PageSizeTooLarge(uint32_t page_size) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      "page_size: at most " + std::to_string(kMaxPageSize) + " (0 means " +
                          std::to_string(kDefaultPageSize) + "), not " + std::to_string(page_size));
}

uint32_t EffectivePageSize(uint32_t page_size) {
  return page_size == 0 ? kDefaultPageSize : page_size;
}

bool Matches(const v1::Measure& measure, const v1::ListMeasuresRequest& request) {
  return (request.plan_id().empty() || measure.plan_id() == request.plan_id()) &&
         (request.focus_area().empty() || measure.focus_area() == request.focus_area()) &&
         (request.agency_id().empty() || measure.responsible_agency_id() == request.agency_id()) &&
         (request.status() == v1::MEASURE_STATUS_UNSPECIFIED ||
          measure.status() == request.status());
}

// Where ListMeasures looks: the smallest index holding every measure the filters can match.
struct Candidates {
  bool none = false;           // a filter names a group without measures
  const IdSet* ids = nullptr;  // nullptr (and !none): all measures
};

Candidates ChooseCandidates(const ProjectionsState& state, const v1::ListMeasuresRequest& request) {
  Candidates candidates;
  auto consider = [&candidates](const IdSet* ids) {
    if (ids == nullptr) {
      candidates.none = true;
    } else if (candidates.ids == nullptr || ids->size() < candidates.ids->size()) {
      candidates.ids = ids;
    }
  };
  if (!request.agency_id().empty()) {
    const AgencyMeasures* agency = state.agencies.Measures(request.agency_id());
    consider(agency == nullptr ? nullptr : &agency->all.ids());
  }
  if (!request.plan_id().empty()) {
    const PlanMeasures* plan = state.plans.Measures(request.plan_id());
    if (plan == nullptr) {
      consider(nullptr);
    } else if (request.focus_area().empty()) {
      consider(&plan->all.ids());
    } else {
      auto area = plan->by_focus_area.find(request.focus_area());
      consider(area == plan->by_focus_area.end() ? nullptr : &area->second.ids());
    }
  }
  return candidates;
}

// Feeds the candidate measures with ids after `after`, in id order, to `take` until it says stop.
template <typename Take>
void ForEachAfter(const ProjectionsState& state, const Candidates& candidates,
                  std::string_view after, Take take) {
  if (candidates.none) return;
  const IdSet& ids = candidates.ids == nullptr ? state.measures.all() : *candidates.ids;
  for (auto it = ids.upper_bound(IdKey::Of(after)); it != ids.end(); ++it) {
    if (!take(*it->second)) return;
  }
}

// The parts of a summary that FocusAreaOverview and PlanOverview share.
template <typename Summary>
void Summarise(const MeasureGroup& group, std::string_view today, Summary* summary) {
  group.AppendCounts(summary->mutable_counts());
  summary->set_overdue(group.Overdue(today));
  summary->set_prioritised_unassigned(group.count(v1::MEASURE_STATUS_PRIORITISED));
}

}  // namespace

std::optional<v1::Measure> Projections::GetMeasure(std::string_view measure_id,
                                                   std::string_view today) const {
  const v1::Measure* measure = state_->measures.Find(measure_id);
  if (measure == nullptr) return std::nullopt;
  v1::Measure view = *measure;
  view.set_overdue(IsOverdue(view.status(), view.due_date(), today));
  return view;
}

domain::Result<v1::ListMeasuresResponse> Projections::ListMeasures(
    const v1::ListMeasuresRequest& request, std::string_view today) const {
  v1::ListMeasuresResponse response;
  if (grpc::Status status = ListMeasures(request, today, response); !status.ok()) return status;
  return response;
}

grpc::Status Projections::ListMeasures(const v1::ListMeasuresRequest& request,
                                       std::string_view today,
                                       v1::ListMeasuresResponse& response) const {
  if (request.page_size() > kMaxPageSize) return PageSizeTooLarge(request.page_size());
  if (!v1::MeasureStatus_IsValid(request.status())) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "status: " + std::to_string(request.status()) + " is not a MeasureStatus");
  }
  std::string after;  // "" sorts before every id, so no token means from the start
  if (!request.page_token().empty()) {
    std::optional<std::string> decoded = DecodePageToken(request.page_token());
    if (!decoded) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "page_token: not a page token from a ListMeasures response");
    }
    after = std::move(*decoded);
  }

  const uint32_t page_size = EffectivePageSize(request.page_size());
  // One match past a full page decides whether there is a next page, so the last page has no
  // token and a client never fetches an empty page.
  ForEachAfter(*state_, ChooseCandidates(*state_, request), after, [&](const v1::Measure& measure) {
    if (!Matches(measure, request)) return true;
    if (static_cast<uint32_t>(response.measures_size()) == page_size) {
      response.set_next_page_token(
          EncodePageToken(response.measures(response.measures_size() - 1).measure_id()));
      return false;
    }
    AppendView(measure, today, response.mutable_measures());
    return true;
  });
  return grpc::Status::OK;
}

domain::Result<v1::AgencyStatus> Projections::GetAgencyStatus(std::string_view agency_id,
                                                              uint32_t page_size,
                                                              std::string_view today) const {
  std::string bytes;
  if (grpc::Status found = GetAgencyStatus(agency_id, page_size, today, bytes); !found.ok()) {
    return found;
  }
  v1::AgencyStatus status;
  if (!status.ParseFromString(bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "the agency status does not parse");
  }
  return status;
}

grpc::Status Projections::GetAgencyStatus(std::string_view agency_id, uint32_t page_size,
                                          std::string_view today, std::string& out) const {
  if (page_size > kMaxPageSize) return PageSizeTooLarge(page_size);
  const v1::Agency* agency = state_->agencies.FindAgency(agency_id);
  if (agency == nullptr) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "agency " + std::string(agency_id) + " is not registered");
  }
  v1::AgencyStatus head;  // everything but the measures
  *head.mutable_agency() = *agency;
  const AgencyMeasures* measures = state_->agencies.Measures(agency_id);
  if (measures != nullptr) {  // nullptr: registered, nothing assigned yet
    measures->all.AppendCounts(head.mutable_counts());
    head.set_overdue(measures->all.Overdue(today));
    head.set_total_measures(measures->all.total());
  }
  out.clear();
  head.AppendToString(&out);
  if (measures == nullptr) return grpc::Status::OK;

  // The indexes point at views; the serialised copies live with their entries.
  auto entry_of = [this](const v1::Measure& view) -> const MeasureEntry& {
    return *state_->measures.Entry(view.measure_id());
  };
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  const size_t limit = EffectivePageSize(page_size);
  size_t listed = 0;
  for (auto it = measures->open.begin(); it != measures->open.end() && listed < limit;
       ++it, ++listed) {
    AppendMeasure(entry_of(*it->view), today, coded);
  }
  for (auto it = measures->closed.begin(); it != measures->closed.end() && listed < limit;
       ++it, ++listed) {
    AppendMeasure(entry_of(*it->second), today, coded);
  }
  return grpc::Status::OK;
}

std::optional<v1::PlanOverview> Projections::GetPlanOverview(std::string_view plan_id,
                                                             std::string_view today) const {
  const v1::PlanCreated* plan = state_->plans.FindPlan(plan_id);
  if (plan == nullptr) return std::nullopt;
  v1::PlanOverview overview;
  overview.set_plan_id(plan->plan_id());
  overview.set_name(plan->name());
  overview.set_municipality(plan->municipality());
  const PlanMeasures* measures = state_->plans.Measures(plan_id);
  for (const v1::FocusArea& focus_area : plan->focus_areas()) {
    v1::FocusAreaOverview* area = overview.add_focus_areas();
    *area->mutable_focus_area() = focus_area;
    if (measures == nullptr) continue;
    auto group = measures->by_focus_area.find(focus_area.key());
    if (group != measures->by_focus_area.end()) Summarise(group->second, today, area);
  }
  if (measures != nullptr) Summarise(measures->all, today, &overview);
  return overview;
}

}  // namespace trygg::projections
