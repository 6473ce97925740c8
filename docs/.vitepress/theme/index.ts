// The default theme without its bundled web font: the site uses the reader's system fonts.
import DefaultTheme from "vitepress/theme-without-fonts";
import "./evidence.css";

export default DefaultTheme;
