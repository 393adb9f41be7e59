#include "api/state_cache.h"

#include <utility>

namespace trygg::api {

std::uint64_t VersionOf(const AggregateState& state) {
  return std::visit([](const auto& s) { return s.version; }, state);
}

StateCache::StateCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::optional<AggregateState> StateCache::Get(std::string_view stream) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(stream));
  if (it == entries_.end()) return std::nullopt;
  Touch(it->second);
  return it->second.state;
}

void StateCache::Put(std::string_view stream, AggregateState state) {
  if (VersionOf(state) == 0) return;
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(stream));
  if (it != entries_.end()) {
    if (VersionOf(it->second.state) >= VersionOf(state)) return;
    it->second.state = std::move(state);
    Touch(it->second);
    return;
  }
  if (entries_.size() >= capacity_) {
    entries_.erase(recency_.back());
    recency_.pop_back();
  }
  recency_.emplace_front(stream);
  entries_.emplace(recency_.front(), Entry{std::move(state), recency_.begin()});
}

void StateCache::Erase(std::string_view stream) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(stream));
  if (it == entries_.end()) return;
  recency_.erase(it->second.recency);
  entries_.erase(it);
}

std::size_t StateCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void StateCache::Touch(Entry& entry) { recency_.splice(recency_.begin(), recency_, entry.recency); }

}  // namespace trygg::api
