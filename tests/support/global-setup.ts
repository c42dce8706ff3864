import type { TestProject } from "vitest/node";
import { prepareTemplate, type TemplateInfo } from "./template";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: TemplateInfo;
  }
}

export default async function setup(project: TestProject) {
  project.provide("databaseTemplate", await prepareTemplate());
}
