# Finds every third-party library civicwatch builds on. All come from
# Debian 12 packages (scripts/install-deps.sh); Debian ships no CMake config
# for gRPC or RE2, so those are found through pkg-config.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Protobuf REQUIRED)
find_package(absl REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(ICU REQUIRED COMPONENTS uc i18n)

pkg_check_modules(GRPCPP REQUIRED IMPORTED_TARGET grpc++)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# cpp-httplib serves /metrics (Debian builds it as a shared library).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

# The document layer's parsers (services/document).
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)

# fastText: the normaliser's category model (trained at build time).
pkg_check_modules(FASTTEXT REQUIRED IMPORTED_TARGET fasttext)

find_library(GRPCPP_REFLECTION_LIBRARY grpc++_reflection REQUIRED)


# Snowball stemmers (libstemmer-dev ships neither CMake config nor .pc).
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(Snowball::stemmer UNKNOWN IMPORTED)
set_target_properties(Snowball::stemmer PROPERTIES
  IMPORTED_LOCATION "${STEMMER_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${STEMMER_INCLUDE_DIR}")
find_program(GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)

# The grpc.health.v1 and reflection protos Debian ships in grpc-proto.
find_path(GRPC_PROTO_DIR grpc/health/v1/health.proto
          PATHS /usr/share/grpc-proto REQUIRED)

if(CIVICWATCH_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CIVICWATCH_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
