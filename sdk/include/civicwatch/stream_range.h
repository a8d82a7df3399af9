// StreamRange<T>: a lazily read sequence of absl::StatusOr<T>, for results
// that arrive a page or a message at a time.
//
//   for (const absl::StatusOr<v1::Event>& e : client->ListEvents(filter)) {
//     if (!e.ok()) { /* e.status() says why; the range ends here */ break; }
//     Use(*e);
//   }
//
// Nothing is fetched until begin() is called; each increment fetches more
// only when the values already received are used up. An error is delivered
// as one non-OK element, after which the range ends.
#ifndef CIVICWATCH_SDK_STREAM_RANGE_H_
#define CIVICWATCH_SDK_STREAM_RANGE_H_

#include <cstddef>
#include <functional>
#include <iterator>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/variant.h"

namespace civicwatch {

template <typename T>
class StreamRange {
 public:
  using value_type = absl::StatusOr<T>;

  // Produces the next value; an OK status means the stream ended normally,
  // a non-OK status is an error (delivered as the last element).
  using Reader = std::function<absl::variant<absl::Status, T>()>;

  // A single-pass input iterator. Dereferencing gives the current element;
  // incrementing reads the next one.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = StreamRange::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    iterator() = default;

    reference operator*() const { return owner_->current_; }
    pointer operator->() const { return &owner_->current_; }
    iterator& operator++() {
      owner_->Advance();
      return *this;
    }
    // Post-increment is not offered: the previous element is gone once the
    // next one is read.

    friend bool operator==(const iterator& a, const iterator& b) {
      return a.AtEnd() == b.AtEnd();
    }
    friend bool operator!=(const iterator& a, const iterator& b) {
      return !(a == b);
    }

   private:
    friend class StreamRange;
    explicit iterator(StreamRange* owner) : owner_(owner) {}
    bool AtEnd() const { return owner_ == nullptr || owner_->at_end_; }

    StreamRange* owner_ = nullptr;
  };

  // A range that reads from `reader` on demand.
  explicit StreamRange(Reader reader) : reader_(std::move(reader)) {}

  // An empty range.
  StreamRange() : StreamRange([] { return absl::variant<absl::Status, T>(absl::OkStatus()); }) {}

  // Movable before iteration starts; iterators refer to the range they came
  // from, so do not move a range while iterating it.
  StreamRange(StreamRange&&) = default;
  StreamRange& operator=(StreamRange&&) = default;
  StreamRange(const StreamRange&) = delete;
  StreamRange& operator=(const StreamRange&) = delete;

  // Reads the first element (on the first call only) and returns an
  // iterator to it, or end() when the stream is empty.
  iterator begin() {
    if (!started_) {
      started_ = true;
      Advance();
    }
    return iterator(this);
  }

  // The past-the-end iterator.
  iterator end() { return iterator(); }

 private:
  void Advance() {
    if (at_end_) return;
    if (!current_.ok()) {  // An error was the last element.
      at_end_ = true;
      return;
    }
    auto next = reader_();
    if (auto* status = absl::get_if<absl::Status>(&next)) {
      if (status->ok()) {
        at_end_ = true;
      } else {
        current_ = std::move(*status);
      }
      return;
    }
    current_ = std::move(absl::get<T>(next));
  }

  Reader reader_;
  value_type current_ = T();
  bool started_ = false;
  bool at_end_ = false;
};

// A range over fixed values; each element may be an error, and the range
// ends after the first error. Handy for test doubles:
//   EXPECT_CALL(mock, ExportEvents).WillOnce(Return(
//       MakeStreamRange<v1::ExportEventsResponse>({resp1, resp2})));
template <typename T>
StreamRange<T> MakeStreamRange(std::vector<absl::StatusOr<T>> values) {
  std::size_t next = 0;
  return StreamRange<T>(
      [values = std::move(values), next]() mutable
      -> absl::variant<absl::Status, T> {
        if (next == values.size()) return absl::OkStatus();
        absl::StatusOr<T>& v = values[next++];
        if (!v.ok()) return v.status();
        return std::move(*v);
      });
}

}  // namespace civicwatch

#endif  // CIVICWATCH_SDK_STREAM_RANGE_H_
