# roms/roms.cmake (included from the top-level CMakeLists.txt): firmware we
# write ourselves, assembled with NASM at build time.  default-guest.asm is
# a firmware-free guest ROM (build/roms/default-guest.bin, run with -bios)
# that identifies the CPU, tests memory and prints primes on port 0xE9.
find_program(NASM nasm REQUIRED)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/roms)

set(DG_BIN ${CMAKE_BINARY_DIR}/roms/default-guest.bin)

add_custom_command(
  OUTPUT ${DG_BIN}
  COMMAND ${NASM} -f bin -o ${DG_BIN} ${CMAKE_SOURCE_DIR}/roms/default-guest.asm
  DEPENDS ${CMAKE_SOURCE_DIR}/roms/default-guest.asm
  COMMENT "Assembling the firmware-free default-guest ROM")
add_custom_target(default_guest_rom ALL DEPENDS ${DG_BIN})

# demo-floppy.asm (+ its demo-*.inc parts) becomes a complete 1.44M boot
# floppy, embedded (without its trailing zeros) as t86_demo_floppy /
# t86_demo_floppy_size, t86_demo_floppy_image_size the whole image: the demo
# that boots through SeaBIOS (tests/boot/run_demo.sh boots the image file).
file(GLOB DEMO_INCS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/roms/demo-*.inc)
set(DEMO_IMG ${CMAKE_BINARY_DIR}/roms/demo-floppy.img)
set(DEMO_C ${CMAKE_BINARY_DIR}/roms/demo_floppy.c)
add_custom_command(
  OUTPUT ${DEMO_IMG}
  COMMAND ${NASM} -f bin -i ${CMAKE_SOURCE_DIR}/roms/ -o ${DEMO_IMG}
          ${CMAKE_SOURCE_DIR}/roms/demo-floppy.asm
  DEPENDS ${CMAKE_SOURCE_DIR}/roms/demo-floppy.asm ${DEMO_INCS}
  COMMENT "Assembling the built-in demo floppy")
add_custom_command(
  OUTPUT ${DEMO_C}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/roms/bin2c.py ${DEMO_IMG} ${DEMO_C} t86_demo_floppy --trim
  DEPENDS ${DEMO_IMG} ${CMAKE_SOURCE_DIR}/roms/bin2c.py)
target_sources(trap86 PRIVATE ${DEMO_C})

# multiboot-loader.asm is the option ROM that boots -kernel Multiboot kernels
# (docs/multiboot.md): assembled, checksummed by optionrom.py, embedded as
# t86_multiboot_rom / t86_multiboot_rom_size for the board's fw_cfg.
set(MBL_RAW ${CMAKE_BINARY_DIR}/roms/multiboot-loader.raw)
set(MBL_BIN ${CMAKE_BINARY_DIR}/roms/multiboot-loader.bin)
set(MBL_C ${CMAKE_BINARY_DIR}/roms/multiboot_loader.c)
add_custom_command(
  OUTPUT ${MBL_BIN}
  COMMAND ${NASM} -f bin -o ${MBL_RAW} ${CMAKE_SOURCE_DIR}/roms/multiboot-loader.asm
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/roms/optionrom.py ${MBL_RAW} ${MBL_BIN}
  DEPENDS ${CMAKE_SOURCE_DIR}/roms/multiboot-loader.asm ${CMAKE_SOURCE_DIR}/roms/optionrom.py
  COMMENT "Assembling the Multiboot loader option ROM")
add_custom_command(
  OUTPUT ${MBL_C}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/roms/bin2c.py ${MBL_BIN} ${MBL_C} t86_multiboot_rom
  DEPENDS ${MBL_BIN} ${CMAKE_SOURCE_DIR}/roms/bin2c.py)
target_sources(trap86 PRIVATE ${MBL_C})
