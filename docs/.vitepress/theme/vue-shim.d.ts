// Lets the theme's TypeScript import single-file components; their own types are checked by Vue's compiler at build time.
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
