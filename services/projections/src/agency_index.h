// The registered agencies, and per agency the measures it is responsible for and those it is a
// partner in, each filed so that GetAgencyStatus reads its first page in order instead of sorting.
#pragma once

#include <absl/container/btree_set.h>
#include <grpcpp/support/status.h>

#include <compare>
#include <map>
#include <string>
#include <string_view>

#include "measure_facts.h"
#include "measure_group.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Sort key of an open measure in an agency's status: priority, then due date, then id.
struct OpenKey {
  int priority_rank = 0;     // HIGH 0, MEDIUM 1, LOW 2, unspecified 3
  bool no_due_date = false;  // measures without a due date come after those with one
  std::string due_date;
  IdKey id;
  // The measure itself. Ids are unique, so the comparison never gets this far with two measures.
  const MeasureEntry* entry = nullptr;

  friend auto operator<=>(const OpenKey&, const OpenKey&) = default;
};

OpenKey OpenKeyOf(const MeasureFacts& facts);

struct AgencyMeasures {
  MeasureGroup all;               // every measure the agency is responsible for, by id; counts
  absl::btree_set<OpenKey> open;  // the open ones, in status order
  IdSet closed;                   // completed and withdrawn, by id
};

class AgencyIndex {
 public:
  // INTERNAL when the agency is already registered: the domain registers each agency once.
  [[nodiscard]] grpc::Status Register(const v1::AgencyRegistered& event);

  // Refiles a measure whose facts changed from `before` (nullptr for a new measure) to `after`.
  // Only measures with a responsible agency are filed; that agency need not be registered.
  // `filed` is where the measure is filed (nullptr: nowhere); Update moves it with the measure.
  void Update(const MeasureFacts* before, const MeasureFacts& after, AgencyMeasures*& filed);

  // The agency became a partner of the measure filed as `facts`, left it, or stays a partner of
  // a measure that is now filed as `after` instead of `before`. Only measures with partners pay
  // for this; the agency need not be registered.
  void AddPartner(std::string_view agency_id, const MeasureFacts& facts);
  void RemovePartner(std::string_view agency_id, const MeasureFacts& facts);
  void ChangePartner(std::string_view agency_id, const MeasureFacts& before,
                     const MeasureFacts& after);

  // nullptr when never registered.
  const v1::Agency* FindAgency(std::string_view agency_id) const;
  // Every registered agency, by id.
  const std::map<std::string, v1::Agency, std::less<>>& agencies() const { return agencies_; }
  // nullptr when no measure was ever assigned to the agency.
  const AgencyMeasures* Measures(std::string_view agency_id) const;
  // nullptr when the agency was never a partner of a measure.
  const AgencyMeasures* PartnerMeasures(std::string_view agency_id) const;

 private:
  static void Add(AgencyMeasures& measures, const MeasureFacts& facts);
  static void Remove(AgencyMeasures& measures, const MeasureFacts& facts);
  // The measure stays with its agency; its status, priority or due date changed.
  static void Change(AgencyMeasures& measures, const MeasureFacts& before,
                     const MeasureFacts& after);

  std::map<std::string, v1::Agency, std::less<>> agencies_;
  std::map<std::string, AgencyMeasures, std::less<>> measures_;
  std::map<std::string, AgencyMeasures, std::less<>> partner_measures_;
};

}  // namespace trygg::projections
