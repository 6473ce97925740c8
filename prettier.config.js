// Prettier's defaults (double quotes, semicolons, trailing commas, two spaces) are this code's style already. Lines
// run long here on purpose (a whole condition or message on one line): 180 characters is the width that rewraps the
// fewest existing lines.
/** @type {import("prettier").Config} */
export default {
  printWidth: 180,
};
