# Installs the SDK: its headers, the libraries it needs (with the generated
# message headers), a CMake package (civicwatch::sdk) and a pkg-config file
# (civicwatch.pc). Included from sdk/CMakeLists.txt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CIVICWATCH_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/civicwatch")

install(DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/include/civicwatch"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT sdk
        FILES_MATCHING PATTERN "*.h")

# The generated message headers the public headers include. The gRPC stub
# headers stay private: the SDK's headers never include them.
get_target_property(CIVICWATCH_PROTO_BINARY_DIR civicwatch_proto BINARY_DIR)
install(DIRECTORY "${CIVICWATCH_PROTO_BINARY_DIR}/gen/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT sdk
        FILES_MATCHING PATTERN "*.pb.h"
        PATTERN "*.grpc.pb.h" EXCLUDE
        PATTERN "grpc" EXCLUDE)

# civicwatch_sdk links the other two statically, so they ship with it.
set_target_properties(civicwatch_proto PROPERTIES EXPORT_NAME proto)
set_target_properties(civicwatch_grpc PROPERTIES EXPORT_NAME grpc)
install(TARGETS civicwatch_sdk civicwatch_proto civicwatch_grpc
        EXPORT civicwatchTargets
        COMPONENT sdk
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT civicwatchTargets
        NAMESPACE civicwatch::
        DESTINATION "${CIVICWATCH_CMAKE_DIR}"
        COMPONENT sdk)

configure_package_config_file(
  "${CMAKE_CURRENT_SOURCE_DIR}/cmake/civicwatchConfig.cmake.in"
  "${CMAKE_CURRENT_BINARY_DIR}/civicwatchConfig.cmake"
  INSTALL_DESTINATION "${CIVICWATCH_CMAKE_DIR}")
write_basic_package_version_file(
  "${CMAKE_CURRENT_BINARY_DIR}/civicwatchConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/civicwatchConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/civicwatchConfigVersion.cmake"
        DESTINATION "${CIVICWATCH_CMAKE_DIR}"
        COMPONENT sdk)

# The .pc file finds the prefix relative to itself, so the installed tree
# can be moved (and `cmake --install --prefix` works).
file(RELATIVE_PATH CIVICWATCH_PC_PREFIX_FROM_PCDIR
     "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/cmake/civicwatch.pc.in"
               "${CMAKE_CURRENT_BINARY_DIR}/civicwatch.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/civicwatch.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
        COMPONENT sdk)
