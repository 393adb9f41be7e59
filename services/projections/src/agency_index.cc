#include "agency_index.h"

#include <cassert>

namespace trygg::projections {

OpenKey OpenKeyOf(const MeasureFacts& facts) {
  OpenKey key;
  switch (facts.priority) {
    case v1::PRIORITY_HIGH: key.priority_rank = 0; break;
    case v1::PRIORITY_MEDIUM: key.priority_rank = 1; break;
    case v1::PRIORITY_LOW: key.priority_rank = 2; break;
    default: key.priority_rank = 3; break;  // unspecified, or a priority newer than this code
  }
  key.no_due_date = facts.due_date.empty();
  key.due_date = facts.due_date;
  key.id = facts.id;
  key.entry = facts.entry;
  return key;
}

grpc::Status AgencyIndex::Register(const v1::AgencyRegistered& event) {
  auto [it, inserted] = agencies_.try_emplace(event.agency_id());
  if (!inserted) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "agency " + event.agency_id() + " registered twice");
  }
  it->second.set_agency_id(event.agency_id());
  it->second.set_name(event.name());
  it->second.set_kind(event.kind());
  return grpc::Status::OK;
}

void AgencyIndex::Update(const MeasureFacts* before, const MeasureFacts& after,
                         AgencyMeasures*& filed) {
  assert((before != nullptr && !before->agency_id.empty()) == (filed != nullptr));
  if (filed != nullptr && before->agency_id == after.agency_id) {
    return Change(*filed, *before, after);
  }
  if (filed != nullptr) Remove(*filed, *before);
  filed = nullptr;
  if (!after.agency_id.empty()) {
    auto it = measures_.find(after.agency_id);
    if (it == measures_.end()) it = measures_.try_emplace(after.agency_id).first;
    filed = &it->second;  // map nodes stay put
    Add(*filed, after);
  }
}

void AgencyIndex::Change(AgencyMeasures& measures, const MeasureFacts& before,
                         const MeasureFacts& after) {
  measures.all.Change(before, after);
  if (IsOpen(before.status) && IsOpen(after.status) && before.priority == after.priority &&
      before.due_date == after.due_date) {
    return;  // e.g. started: the counts moved, the place among the open ones did not
  }
  if (IsOpen(before.status)) {
    [[maybe_unused]] const size_t erased = measures.open.erase(OpenKeyOf(before));
    assert(erased == 1);
    if (IsOpen(after.status)) {
      measures.open.insert(OpenKeyOf(after));
    } else {
      measures.closed.emplace(after.id, after.entry);
    }
  } else if (IsOpen(after.status)) {  // the domain never reopens one; the fold files the log as is
    measures.closed.erase(before.id);
    measures.open.insert(OpenKeyOf(after));
  }
}

void AgencyIndex::Add(AgencyMeasures& measures, const MeasureFacts& facts) {
  measures.all.Add(facts);
  if (IsOpen(facts.status)) {
    measures.open.insert(OpenKeyOf(facts));
  } else {
    measures.closed.emplace(facts.id, facts.entry);
  }
}

void AgencyIndex::Remove(AgencyMeasures& measures, const MeasureFacts& facts) {
  measures.all.Remove(facts);
  [[maybe_unused]] const size_t erased = IsOpen(facts.status)
                                             ? measures.open.erase(OpenKeyOf(facts))
                                             : measures.closed.erase(facts.id);
  assert(erased == 1);
}

void AgencyIndex::AddPartner(std::string_view agency_id, const MeasureFacts& facts) {
  auto it = partner_measures_.find(agency_id);
  if (it == partner_measures_.end())
    it = partner_measures_.try_emplace(std::string(agency_id)).first;
  Add(it->second, facts);
}

void AgencyIndex::RemovePartner(std::string_view agency_id, const MeasureFacts& facts) {
  auto it = partner_measures_.find(agency_id);
  assert(it != partner_measures_.end());
  if (it == partner_measures_.end()) return;
  Remove(it->second, facts);
}

void AgencyIndex::ChangePartner(std::string_view agency_id, const MeasureFacts& before,
                                const MeasureFacts& after) {
  auto it = partner_measures_.find(agency_id);
  assert(it != partner_measures_.end());
  if (it == partner_measures_.end()) return;
  Change(it->second, before, after);
}

const v1::Agency* AgencyIndex::FindAgency(std::string_view agency_id) const {
  auto it = agencies_.find(agency_id);
  return it == agencies_.end() ? nullptr : &it->second;
}

const AgencyMeasures* AgencyIndex::Measures(std::string_view agency_id) const {
  auto it = measures_.find(agency_id);
  return it == measures_.end() ? nullptr : &it->second;
}

const AgencyMeasures* AgencyIndex::PartnerMeasures(std::string_view agency_id) const {
  auto it = partner_measures_.find(agency_id);
  return it == partner_measures_.end() ? nullptr : &it->second;
}

}  // namespace trygg::projections
