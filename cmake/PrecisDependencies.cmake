# Every dependency comes from a Debian 12 package (see scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(SQLite3 REQUIRED)
find_package(simdjson REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tl-expected REQUIRED)
find_package(ZLIB REQUIRED)
# gumbo: only the differential test of our HTML parser (ingest/html_dom_gumbo_test.cc) links it.
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# cpp-httplib (Debian ships it as a compiled library): the server, and the fetcher tests' loopback fixtures.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib)

# libstemmer (Snowball) and cld2 ship no CMake or pkg-config files in Debian.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY NAMES stemmer REQUIRED)
add_library(precis_stemmer_dep INTERFACE)
target_include_directories(precis_stemmer_dep INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(precis_stemmer_dep INTERFACE ${STEMMER_LIBRARY})

find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
# Debian's libcld2_full.so exports no symbols of its own: the detector entry points
# (CLD2::DetectLanguage, CLD2::LanguageCode) live in libcld2.so.
find_library(PRECIS_CLD2_LIBRARY NAMES cld2 REQUIRED)
add_library(precis_cld2_dep INTERFACE)
target_include_directories(precis_cld2_dep INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(precis_cld2_dep INTERFACE ${PRECIS_CLD2_LIBRARY})

find_library(GLPK_LIBRARY NAMES glpk REQUIRED)
find_path(GLPK_INCLUDE_DIR glpk.h REQUIRED)
add_library(precis_glpk_dep INTERFACE)
target_include_directories(precis_glpk_dep INTERFACE ${GLPK_INCLUDE_DIR})
target_link_libraries(precis_glpk_dep INTERFACE ${GLPK_LIBRARY})

if(PRECIS_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(PRECIS_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
