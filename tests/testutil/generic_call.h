// A unary call through grpc::GenericStub, waited for: the generic stub's unary call has only the
// callback form.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace trygg::testing {

inline grpc::Status BlockingGenericCall(grpc::GenericStub& stub, grpc::ClientContext* context,
                                        const std::string& method,
                                        const grpc::ByteBuffer& request,
                                        grpc::ByteBuffer* reply) {
  std::mutex mu;
  std::condition_variable done;
  std::optional<grpc::Status> result;
  stub.UnaryCall(context, method, grpc::StubOptions(), &request, reply, [&](grpc::Status status) {
    std::lock_guard lock(mu);
    result = std::move(status);
    done.notify_one();  // under the lock: mu and done outlive it
  });
  std::unique_lock lock(mu);
  done.wait(lock, [&] { return result.has_value(); });
  return *result;
}

}  // namespace trygg::testing
