# roms/roms.cmake (included from the top-level CMakeLists.txt): firmware we
# write ourselves, assembled with NASM at build time.  default-guest.asm
# becomes the built-in guest that trap86 runs without -bios.
find_program(NASM nasm REQUIRED)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/roms)

set(DG_BIN ${CMAKE_BINARY_DIR}/roms/default-guest.bin)
set(DG_C ${CMAKE_BINARY_DIR}/roms/default_guest.c)
add_custom_command(
  OUTPUT ${DG_BIN}
  COMMAND ${NASM} -f bin -o ${DG_BIN} ${CMAKE_SOURCE_DIR}/roms/default-guest.asm
  DEPENDS ${CMAKE_SOURCE_DIR}/roms/default-guest.asm
  COMMENT "Assembling the built-in default guest")
add_custom_command(
  OUTPUT ${DG_C}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/roms/bin2c.py ${DG_BIN} ${DG_C} t86_default_guest
  DEPENDS ${DG_BIN} ${CMAKE_SOURCE_DIR}/roms/bin2c.py)
target_sources(trap86 PRIVATE ${DG_C})
