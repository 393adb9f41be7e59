// Subscriptions: each reads the log from its next position and, once caught up, waits for the
// writer's commit notifications. All delivery runs on one thread (the hub's io_context). Events
// are always re-read from the store, never buffered per subscriber, so a slow or paused
// subscriber costs no memory and the switch from catch-up to live cannot skip or repeat.
#pragma once

#include <functional>
#include <memory>

#include "reader.h"

namespace trygg::eventstore {

class SubscriptionHub {
 public:
  // `committed` returns the last committed position; events beyond it are never delivered.
  SubscriptionHub(const Reader& reader, std::function<Position()> committed);
  // Close()s.
  ~SubscriptionHub();
  SubscriptionHub(const SubscriptionHub&) = delete;
  SubscriptionHub& operator=(const SubscriptionHub&) = delete;

  std::unique_ptr<Subscription> Subscribe(Position from, SubscriptionHandlers handlers);
  // A commit happened: wake the subscriptions waiting at the head.
  void Notify();
  // Ends every subscription with kUnavailable and joins the delivery thread. Subscription objects
  // may outlive the hub; their methods then do nothing.
  void Close();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trygg::eventstore
