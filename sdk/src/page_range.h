// Turning a paged List RPC into a StreamRange of its items. Internal.
#ifndef CIVICWATCH_SDK_SRC_PAGE_RANGE_H_
#define CIVICWATCH_SDK_SRC_PAGE_RANGE_H_

#include <functional>
#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "civicwatch/stream_range.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace civicwatch::internal {

// Walks the pages of a List RPC: calls `fetch(request)` for the first page,
// yields the items `items(response)` holds, then sets page_token to the
// response's next_page_token and fetches again, until a page comes back
// with an empty next_page_token. A page is fetched only when the items
// already received are used up. Empty pages with a token are skipped.
template <typename Item, typename Request, typename Response>
StreamRange<Item> MakePageRange(
    std::function<absl::StatusOr<Response>(const Request&)> fetch,
    Request request,
    std::function<google::protobuf::RepeatedPtrField<Item>*(Response&)> items) {
  struct State {
    std::function<absl::StatusOr<Response>(const Request&)> fetch;
    std::function<google::protobuf::RepeatedPtrField<Item>*(Response&)> items;
    Request request;
    Response page;
    int next = 0;         // Index of the next item of `page` to yield.
    bool last_page = false;
    bool fetched = false;  // Whether `page` holds a fetched page.
  };
  auto state = std::make_shared<State>();
  state->fetch = std::move(fetch);
  state->items = std::move(items);
  state->request = std::move(request);
  return StreamRange<Item>([state]() -> absl::variant<absl::Status, Item> {
    for (;;) {
      if (state->fetched) {
        auto* page_items = state->items(state->page);
        if (state->next < page_items->size()) {
          return std::move(*page_items->Mutable(state->next++));
        }
        if (state->last_page) return absl::OkStatus();
      }
      absl::StatusOr<Response> page = state->fetch(state->request);
      if (!page.ok()) return page.status();
      state->page = *std::move(page);
      state->next = 0;
      state->fetched = true;
      state->last_page = state->page.next_page_token().empty();
      state->request.set_page_token(state->page.next_page_token());
    }
  });
}

// The same for a List method of `connection`: `list` fetches a page and
// `items` is the response's accessor of its repeated field
// (&v1::ListEventsResponse::mutable_events).
template <typename Connection, typename Item, typename Request, typename Response>
StreamRange<Item> MakePageRange(std::shared_ptr<Connection> connection,
                                absl::StatusOr<Response> (Connection::*list)(const Request&),
                                Request request,
                                google::protobuf::RepeatedPtrField<Item>* (Response::*items)()) {
  return MakePageRange<Item, Request, Response>(
      [connection = std::move(connection), list](const Request& r) {
        return ((*connection).*list)(r);
      },
      std::move(request), [items](Response& r) { return (r.*items)(); });
}

}  // namespace civicwatch::internal

#endif  // CIVICWATCH_SDK_SRC_PAGE_RANGE_H_
