# One helper per kind of target, so that a component's CMakeLists.txt is a few lines.
#
#   tongban_library(NAME db SOURCES ... [DEPS public...] [PRIVATE_DEPS ...])
#     → target tongban_db, alias tongban::db, include/ public, src/ private.
#   tongban_test(NAME db_sqlitetest SOURCES ... DEPS ... [LABELS unit|sqlite|pg|api])
#   tongban_embed_sql(TARGET tongban_db DIR queries NAMESPACE tongban::db::sql)
#     → header "<target>_sql.hpp" with one db::Sql constant per .sql file.
#   tongban_embed_migrations(TARGET tongban_db MODULE platform DIR migrations)
#     → header "<target>_migrations.hpp" with kMigrations (ordered, per dialect).

# -Wnull-dereference is left out: GCC 12 at -O2 reports false positives inside
# libstdc++, Asio and CLI11 that no code of ours can silence. -Wrestrict is
# off for the same reason at -O3 (GCC bug 105329: std::string concatenation).
set(TONGBAN_WARNINGS -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough -Wno-restrict)

function(tongban_apply_warnings target)
  target_compile_options(${target} PRIVATE ${TONGBAN_WARNINGS})
endfunction()

# The allocator of the programs that serve (tongban and the benchmarks'
# servers): jemalloc by default (libjemalloc-dev). Under a refresh-grant load
# it took ~10% less server CPU per grant than glibc's malloc, whose per-thread
# arenas pay for memory allocated on one thread (a worker) and freed on
# another (the writer, an I/O thread). "system" keeps glibc's; sanitizer
# builds always do (ASan replaces malloc itself).
set(TONGBAN_MALLOC "jemalloc" CACHE STRING "allocator linked into tongban and the bench servers: jemalloc or system")
set_property(CACHE TONGBAN_MALLOC PROPERTY STRINGS jemalloc system)
function(tongban_use_allocator target)
  if(TONGBAN_MALLOC STREQUAL "system" OR CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    return()
  elseif(NOT TONGBAN_MALLOC STREQUAL "jemalloc")
    message(FATAL_ERROR "TONGBAN_MALLOC must be jemalloc or system, not ${TONGBAN_MALLOC}")
  endif()
  find_library(TONGBAN_JEMALLOC_LIBRARY NAMES jemalloc)
  if(NOT TONGBAN_JEMALLOC_LIBRARY)
    message(FATAL_ERROR "jemalloc not found: install libjemalloc-dev (scripts/install-deps) or configure with -DTONGBAN_MALLOC=system")
  endif()
  target_link_libraries(${target} PRIVATE ${TONGBAN_JEMALLOC_LIBRARY})
endfunction()

function(tongban_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  set(target tongban_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(tongban::${ARG_NAME} ALIAS ${target})
  target_include_directories(${target}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src ${CMAKE_CURRENT_BINARY_DIR}/generated)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  tongban_apply_warnings(${target})
endfunction()

function(tongban_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_include_directories(${ARG_NAME} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src
                             ${CMAKE_CURRENT_BINARY_DIR}/generated)
  tongban_apply_warnings(${ARG_NAME})
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 600)
endfunction()

# Reads every .sql file of DIR at configure time into a C++ header. Editing a
# .sql file re-runs configure (CMAKE_CONFIGURE_DEPENDS), so the header never lags.
# A file "x.pg.sql" overrides "x.sql" on PostgreSQL, "x.sqlite.sql" on SQLite.
function(tongban_embed_sql)
  cmake_parse_arguments(ARG "" "TARGET;DIR;NAMESPACE" "" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_DIR}/*.sql)
  list(SORT files)
  # Editing a file's contents must re-run configure too (the glob sees only names).
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
  set(out "// Generated from ${ARG_DIR}/*.sql by tongban_embed_sql. Do not edit.\n#pragma once\n#include \"db/sql.hpp\"\nnamespace ${ARG_NAMESPACE} {\n")
  set(all "")
  foreach(f ${files})
    get_filename_component(base ${f} NAME)
    if(base MATCHES "\\.(pg|sqlite)\\.sql$")
      continue()
    endif()
    string(REGEX REPLACE "\\.sql$" "" name ${base})
    file(READ ${f} text)
    set(pg_text "${text}")
    set(lite_text "${text}")
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_DIR}/${name}.pg.sql)
      file(READ ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_DIR}/${name}.pg.sql pg_text)
    endif()
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_DIR}/${name}.sqlite.sql)
      file(READ ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_DIR}/${name}.sqlite.sql lite_text)
    endif()
    string(REPLACE "_" ";" parts ${name})
    set(camel "")
    foreach(p ${parts})
      string(SUBSTRING ${p} 0 1 first)
      string(TOUPPER ${first} first)
      string(SUBSTRING ${p} 1 -1 rest)
      string(APPEND camel "${first}${rest}")
    endforeach()
    string(APPEND out "inline constexpr ::tongban::db::Sql k${camel}{\"${name}\", R\"sql(${lite_text})sql\", R\"sql(${pg_text})sql\"};\n")
    list(APPEND all "&k${camel}")
  endforeach()
  list(JOIN all ", " all_joined)
  string(APPEND out "inline constexpr const ::tongban::db::Sql* kAll[] = {${all_joined}};\n}  // namespace ${ARG_NAMESPACE}\n")
  set(header ${CMAKE_CURRENT_BINARY_DIR}/generated/${ARG_TARGET}_sql.hpp)
  file(CONFIGURE OUTPUT ${header} CONTENT "${out}" @ONLY)
endfunction()

# Migrations: DIR holds NNNN_name.sql (portable) or NNNN_name.sqlite.sql plus
# NNNN_name.pg.sql. Versions are forward-only; the list is ordered by NNNN.
function(tongban_embed_migrations)
  cmake_parse_arguments(ARG "" "TARGET;MODULE;DIR;NAMESPACE" "" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_DIR}/*.sql)
  list(SORT files)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
  set(versions "")
  foreach(f ${files})
    get_filename_component(base ${f} NAME)
    string(REGEX MATCH "^([0-9]+)_(.*)$" m ${base})
    set(num ${CMAKE_MATCH_1})
    set(rest ${CMAKE_MATCH_2})
    string(REGEX REPLACE "(\\.pg|\\.sqlite)?\\.sql$" "" stem ${rest})
    list(APPEND versions "${num}|${stem}")
  endforeach()
  list(REMOVE_DUPLICATES versions)
  set(out "// Generated from ${ARG_DIR}/ by tongban_embed_migrations. Do not edit.\n#pragma once\n#include \"db/migration.hpp\"\nnamespace ${ARG_NAMESPACE} {\ninline constexpr ::tongban::db::Migration kMigrations[] = {\n")
  foreach(v ${versions})
    string(REPLACE "|" ";" vp ${v})
    list(GET vp 0 num)
    list(GET vp 1 stem)
    set(d ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_DIR}/${num}_${stem})
    if(EXISTS ${d}.sql)
      file(READ ${d}.sql lite)
      set(pg "${lite}")
    else()
      file(READ ${d}.sqlite.sql lite)
      file(READ ${d}.pg.sql pg)
    endif()
    math(EXPR numv "${num} + 0")
    string(APPEND out "  {\"${ARG_MODULE}\", ${numv}, \"${stem}\", R\"sql(${lite})sql\", R\"sql(${pg})sql\"},\n")
  endforeach()
  string(APPEND out "};\n}  // namespace ${ARG_NAMESPACE}\n")
  file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/generated/${ARG_TARGET}_migrations.hpp CONTENT "${out}" @ONLY)
endfunction()
