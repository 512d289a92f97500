import { notFound } from "next/navigation";

/** Any address no route matches: the dashboard's own 404 page, inside its navigation. */
export default function NoSuchPage(): never {
  notFound();
}
