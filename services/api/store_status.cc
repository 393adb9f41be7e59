#include "api/store_status.h"

#include <iostream>
#include <string>
#include <utility>

namespace trygg::api {
namespace {

grpc::StatusCode SameCode(eventstore::Code code) {
  return static_cast<grpc::StatusCode>(static_cast<int>(code));
}

WithheldLog& TheWithheldLog() {
  static WithheldLog log;
  return log;
}

// The server's log: the client was told less.
grpc::Status Withheld(grpc::StatusCode code, const char* told, const eventstore::Status& status) {
  if (const WithheldLog& log = TheWithheldLog()) {
    log(told, status);
  } else {
    // One write per line, so that lines from concurrent calls do not interleave.
    std::cerr << ("trygg-server: event store error, answered as '" + std::string(told) +
                  "': " + status.ToString() + "\n");
  }
  return grpc::Status(code, told);
}

}  // namespace

grpc::Status FromStore(const eventstore::Status& status) {
  switch (status.code()) {
    case eventstore::Code::kOk: return grpc::Status::OK;
    case eventstore::Code::kResourceExhausted:
    case eventstore::Code::kUnavailable:
      if (!status.detail().empty()) {
        return Withheld(SameCode(status.code()), status.message().c_str(), status);
      }
      return grpc::Status(SameCode(status.code()), status.message());
    case eventstore::Code::kDataLoss:
      return Withheld(grpc::StatusCode::DATA_LOSS,
                      "the event store's data is damaged; the server's log has the details",
                      status);
    default:
      return Withheld(grpc::StatusCode::INTERNAL,
                      "the event store failed; the server's log has the details", status);
  }
}

void SetWithheldLog(WithheldLog log) { TheWithheldLog() = std::move(log); }

}  // namespace trygg::api
