# precis_module(NAME SOURCES ... DEPS ...): one folder = one module = one library precis_<NAME>.
function(precis_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(ARG_SOURCES)
    add_library(precis_${name} STATIC ${ARG_SOURCES})
    target_link_libraries(precis_${name} PUBLIC precis_flags ${ARG_DEPS})
  else()
    # A module with headers only (or not yet written).
    add_library(precis_${name} INTERFACE)
    target_link_libraries(precis_${name} INTERFACE precis_flags ${ARG_DEPS})
  endif()
endfunction()

# precis_test(NAME SOURCES ... DEPS ...): a GoogleTest executable registered with ctest.
# Tests run from the source root so that they find tests/data and ../shared.
function(precis_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT PRECIS_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE precis_flags ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60
                       PROPERTIES LABELS "${ARG_LABELS}")
endfunction()

# precis_module_glob(NAME DEPS ... TEST_DEPS ...): the module library precis_<NAME> from every
# *.cc in the current folder except *_test.cc, and one ctest executable per *_test.cc
# (named <NAME>_<file>). Adding a file to a module needs no CMake edit.
function(precis_module_glob name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(tests)
    list(REMOVE_ITEM sources ${tests})
  endif()
  precis_module(${name} SOURCES ${sources} DEPS ${ARG_DEPS})
  foreach(test_file ${tests})
    get_filename_component(stem ${test_file} NAME_WE)
    precis_test(${name}_${stem} SOURCES ${test_file} DEPS precis_${name} ${ARG_TEST_DEPS} LABELS ${name})
  endforeach()
endfunction()
