// The read side of Projections: everything here is const and reads the indexes kept by Apply.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cstdint>
#include <string>

#include "client_view.h"
#include "measure_facts.h"
#include "measure_fold.h"
#include "paging.h"
#include "projections_state.h"
#include "traceability.h"
#include "trygg/projections/limits.h"
#include "trygg/projections/projections.h"

namespace trygg::projections {
namespace {

using internal::ProjectionsState;

bool Matches(const v1::Measure& measure, const v1::ListMeasuresRequest& request) {
  return (request.plan_id().empty() || measure.plan_id() == request.plan_id()) &&
         (request.focus_area().empty() || measure.focus_area() == request.focus_area()) &&
         (request.agency_id().empty() || measure.responsible_agency_id() == request.agency_id()) &&
         (request.partner_agency_id().empty() ||
          HasPartner(measure, request.partner_agency_id())) &&
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
  auto agency_ids = [](const AgencyMeasures* measures) {
    return measures == nullptr ? nullptr : &measures->all.ids();
  };
  if (!request.agency_id().empty())
    consider(agency_ids(state.agencies.Measures(request.agency_id())));
  if (!request.partner_agency_id().empty()) {
    consider(agency_ids(state.agencies.PartnerMeasures(request.partner_agency_id())));
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

// Writes one agency list of GetAgencyStatus (field `field_number`): at most `limit` measures, the
// open ones in status order, then the closed ones by id.
void AppendAgencyList(const AgencyMeasures& measures, uint32_t field_number, size_t limit,
                      std::string_view today, google::protobuf::io::CodedOutputStream& out) {
  size_t listed = 0;
  for (auto it = measures.open.begin(); it != measures.open.end() && listed < limit;
       ++it, ++listed) {
    AppendViewBytes(*it->entry, field_number, today, out);
  }
  for (auto it = measures.closed.begin(); it != measures.closed.end() && listed < limit;
       ++it, ++listed) {
    AppendViewBytes(*it->second, field_number, today, out);
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
  const MeasureEntry* entry = state_->measures.Entry(measure_id);
  if (entry == nullptr) return std::nullopt;
  v1::Measure view = entry->view;
  FinishView(*entry, today, view);
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
  domain::Result<uint32_t> page_size =
      PageSizeOf(request.page_size(), {kMaxPageSize, kDefaultPageSize});
  if (!page_size.ok()) return page_size.status();
  if (!v1::MeasureStatus_IsValid(request.status())) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "status: " + std::to_string(request.status()) + " is not a MeasureStatus");
  }
  domain::Result<std::string> after = PageStart(request.page_token(), "a ListMeasures response");
  if (!after.ok()) return after.status();

  const Candidates candidates = ChooseCandidates(*state_, request);
  if (candidates.none) return grpc::Status::OK;
  response.set_next_page_token(Page(
      candidates.ids == nullptr ? state_->measures.all() : *candidates.ids, *after, *page_size,
      [&request](const MeasureEntry& entry) { return Matches(entry.view, request); },
      [&](const MeasureEntry& entry) { AppendView(entry, today, response.mutable_measures()); }));
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
  domain::Result<uint32_t> limit = PageSizeOf(page_size, {kMaxPageSize, kDefaultPageSize});
  if (!limit.ok()) return limit.status();
  const v1::Agency* agency = state_->agencies.FindAgency(agency_id);
  if (agency == nullptr) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "agency " + std::string(agency_id) + " is not registered");
  }
  v1::AgencyStatus head;  // everything but the measures
  *head.mutable_agency() = *agency;
  // Either is nullptr while the agency has no such measures.
  const AgencyMeasures* measures = state_->agencies.Measures(agency_id);
  const AgencyMeasures* partner_measures = state_->agencies.PartnerMeasures(agency_id);
  if (measures != nullptr) {
    measures->all.AppendCounts(head.mutable_counts());
    head.set_overdue(measures->all.Overdue(today));
    head.set_total_measures(measures->all.total());
  }
  if (partner_measures != nullptr) head.set_total_partner_measures(partner_measures->all.total());
  out.clear();
  head.AppendToString(&out);
  if (measures == nullptr && partner_measures == nullptr) return grpc::Status::OK;

  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  if (measures != nullptr) {
    AppendAgencyList(*measures, v1::AgencyStatus::kMeasuresFieldNumber, *limit, today, coded);
  }
  if (partner_measures != nullptr) {
    AppendAgencyList(*partner_measures, v1::AgencyStatus::kPartnerMeasuresFieldNumber, *limit,
                     today, coded);
  }
  return grpc::Status::OK;
}

std::optional<v1::PlanOverview> Projections::GetPlanOverview(std::string_view plan_id,
                                                             std::string_view today) const {
  const PlanEntry* entry = state_->plans.Find(plan_id);
  if (entry == nullptr) return std::nullopt;
  const v1::PlanCreated& plan = *entry->created;
  const PlanMeasures& measures = entry->measures;
  const PlanPicture& picture = entry->picture;
  v1::PlanOverview overview;
  overview.set_plan_id(plan.plan_id());
  overview.set_name(plan.name());
  overview.set_municipality(plan.municipality());
  for (const v1::FocusArea& focus_area : plan.focus_areas()) {
    v1::FocusAreaOverview* area = overview.add_focus_areas();
    *area->mutable_focus_area() = focus_area;
    auto group = measures.by_focus_area.find(focus_area.key());
    if (group != measures.by_focus_area.end()) Summarise(group->second, today, area);
  }
  Summarise(measures.all, today, &overview);
  overview.set_adopted_version(picture.adopted_version());
  if (const v1::PlanAdoption* adoption = picture.latest_adoption()) {
    *overview.mutable_latest_adoption() = *adoption;
  }
  overview.set_changed_since_adoption(picture.changed_since_adoption());
  *overview.mutable_flags() = TraceJudge(picture, picture.LatestPeriodBegunBy(today), today)
                                  .Count("", measures.all.ids());
  for (const v1::WorkingGroup& group : picture.groups().all())
    *overview.add_working_groups() = group;
  for (const v1::CitizenPromise& promise : picture.promises().all()) {
    *overview.add_citizen_promises() = promise;
  }
  return overview;
}

}  // namespace trygg::projections
