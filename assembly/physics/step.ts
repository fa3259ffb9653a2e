// One physics tick: integrate → broadphase → circle contacts → static boxes and bounds.
import { integrate } from "./integrate";
import { buildGrid } from "./broadphase";
import { solveContacts } from "./contacts";
import { collideStatic } from "./staticBoxes";

export function physicsStep(): void {
  integrate();
  buildGrid();
  solveContacts();
  collideStatic();
}
