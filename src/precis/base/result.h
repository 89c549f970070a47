// Result<T>: a value or an Error, for failures that a caller must handle.
//
// Bad input is normal in precis: readers turn a malformed record into a Diagnostic and go on.
// Result is for calls whose failure the caller must decide about (a file that cannot be opened,
// a data set that is absent). tl::expected today, std::expected once the toolchain has it.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace precis {

struct Error {
  std::string message;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> make_error(std::string message) {
  return tl::unexpected<Error>(Error{std::move(message)});
}

}  // namespace precis
