package calendar

// FloorMod lets the external fuzz test wrap any int into a window the way the package does.
var FloorMod = floorMod
