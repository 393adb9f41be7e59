// StateCache: the write side's memory of aggregate states, so that a command on a measure does
// not re-read and re-fold the measure's stream before every decision.
//
// An entry is the state folded from the first `version` events of a stream (the state's own
// `version` field). ActionPlanService puts a state after it folded it from the store and after
// each of its appends commits (the state it decided against, evolved by the appended event), and
// takes one instead of reading the stream. A state older than the stream is harmless for a write:
// the append's expected version is the state's version, so it fails with a conflict and the
// command is decided again from the store. A refusal decided on a cached state is likewise decided
// again from the store before it is returned (ActionPlanService), so no caller is ever refused on
// the strength of an old state.
//
// Bounded: at most `capacity` streams. When full, the entry least recently put or taken is
// dropped. Thread-safe (one mutex; every operation is a hash lookup and a state copy).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "trygg/domain/state.h"

namespace trygg::api {

using AggregateState = std::variant<domain::PlanState, domain::AgencyState, domain::MeasureState>;

// The number of events folded into `state`.
std::uint64_t VersionOf(const AggregateState& state);

class StateCache {
 public:
  // Enough for every open measure of a large plan; an entry takes ~0.5 KB.
  static constexpr std::size_t kDefaultCapacity = 100'000;

  explicit StateCache(std::size_t capacity = kDefaultCapacity);
  StateCache(const StateCache&) = delete;
  StateCache& operator=(const StateCache&) = delete;

  // The stream's cached state, or nullopt.
  std::optional<AggregateState> Get(std::string_view stream);
  // Caches `state` for `stream` unless an entry of the same or a newer version is cached (two
  // writers may put out of order; the newer state wins). States of aggregates that do not exist
  // (version 0) are not cached.
  void Put(std::string_view stream, AggregateState state);
  // Forgets the stream.
  void Erase(std::string_view stream);

  std::size_t size() const;

 private:
  struct Entry {
    AggregateState state;
    std::list<std::string>::iterator recency;  // into recency_, most recent first
  };
  void Touch(Entry& entry);

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<std::string> recency_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace trygg::api
