#include "query_target.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace civicwatch::internal {
namespace {

absl::Status Invalid(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("ClientOptions.query_address: ", why));
}

// The numeric addresses of `host` in `family` (AF_INET or AF_INET6).
std::vector<std::string> Resolve(const std::string& host, int family) {
  addrinfo hints{};
  hints.ai_family = family;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::vector<std::string> out;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return out;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {0};
    const void* raw = family == AF_INET
                          ? static_cast<const void*>(
                                &reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
                          : static_cast<const void*>(
                                &reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (inet_ntop(family, raw, text, sizeof text) == nullptr) continue;
    if (std::find(out.begin(), out.end(), text) == out.end()) out.emplace_back(text);
  }
  freeaddrinfo(found);
  return out;
}

struct HostPort {
  std::string host;
  std::string port;
};

absl::StatusOr<HostPort> SplitHostPort(absl::string_view entry) {
  if (absl::StrContains(entry, "://") || absl::StartsWith(entry, "dns:") ||
      absl::StartsWith(entry, "ipv4:") || absl::StartsWith(entry, "ipv6:") ||
      absl::StartsWith(entry, "unix:")) {
    return Invalid(absl::StrCat(
        "\"", entry, "\": a list holds HOST:PORT entries only; for a DNS name with many "
        "addresses give dns:///NAME:PORT alone"));
  }
  HostPort hp;
  size_t colon;
  if (absl::StartsWith(entry, "[")) {
    const size_t close = entry.find(']');
    if (close == absl::string_view::npos || close + 1 >= entry.size() || entry[close + 1] != ':') {
      return Invalid(absl::StrCat("\"", entry, "\" is not [IPV6]:PORT"));
    }
    hp.host = std::string(entry.substr(1, close - 1));
    colon = close + 1;
  } else {
    colon = entry.rfind(':');
    if (colon == absl::string_view::npos || colon == 0) {
      return Invalid(absl::StrCat("\"", entry, "\" is not HOST:PORT"));
    }
    hp.host = std::string(entry.substr(0, colon));
  }
  hp.port = std::string(entry.substr(colon + 1));
  int port = 0;
  if (!absl::SimpleAtoi(hp.port, &port) || port <= 0 || port > 65535) {
    return Invalid(absl::StrCat("\"", entry, "\" has no valid port"));
  }
  return hp;
}

}  // namespace

const char* BalancedServiceConfig() {
  return R"({"loadBalancingConfig":[{"round_robin":{}}],)"
         R"("healthCheckConfig":{"serviceName":"civicwatch.v1.QueryService"}})";
}

absl::StatusOr<QueryTarget> ResolveQueryTarget(const std::string& query_address) {
  std::vector<std::string> entries;
  for (absl::string_view part : absl::StrSplit(query_address, ',')) {
    part = absl::StripAsciiWhitespace(part);
    if (!part.empty()) entries.emplace_back(part);
  }
  if (entries.empty()) return Invalid("is empty; give HOST:PORT of a query service");
  QueryTarget target;
  if (entries.size() == 1) {
    target.target = entries[0];
    target.balanced = absl::StartsWith(entries[0], "dns:");
    return target;
  }
  std::vector<HostPort> hosts;
  for (const std::string& entry : entries) {
    auto hp = SplitHostPort(entry);
    if (!hp.ok()) return hp.status();
    hosts.push_back(*std::move(hp));
  }
  // IPv4 when every host has an IPv4 address, else IPv6: one target URI
  // holds addresses of one family.
  for (int family : {AF_INET, AF_INET6}) {
    std::vector<std::string> addresses;
    std::string missing;
    for (const HostPort& hp : hosts) {
      std::vector<std::string> found = Resolve(hp.host, family);
      if (found.empty()) {
        missing = hp.host;
        break;
      }
      for (const std::string& a : found) {
        std::string address = family == AF_INET ? absl::StrCat(a, ":", hp.port)
                                                : absl::StrCat("[", a, "]:", hp.port);
        if (std::find(addresses.begin(), addresses.end(), address) == addresses.end()) {
          addresses.push_back(std::move(address));
        }
      }
    }
    if (!missing.empty()) {
      if (family == AF_INET) continue;
      return Invalid(absl::StrCat("cannot resolve \"", missing, "\""));
    }
    target.target =
        absl::StrCat(family == AF_INET ? "ipv4:" : "ipv6:", absl::StrJoin(addresses, ","));
    target.balanced = true;
    target.authority = entries[0];
    return target;
  }
  return Invalid("cannot resolve its hosts");
}

}  // namespace civicwatch::internal
