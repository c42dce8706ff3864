export default function Portfolio() {
  return <h1>Portefeuille</h1>;
}
