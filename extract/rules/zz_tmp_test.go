package rules
import ("testing";"fmt";"github.com/dealwatch/dealwatch/extract")
func TestTmpD(t *testing.T){
 x := newTestExtractor(t)
 for _, s := range []string{
  "Apennine Data Centers ha chiuso un primo round da 180 milioni di euro.\n\nIl primo closing è stato sottoscritto da CDP Equity ed Eni Next, che hanno investito 90 milioni di euro ciascuno.",
  "Cierzo AI ha cerrado una ronda. Las gestoras Kibo Ventures y Seaya Ventures han invertido 30 millones de euros cada una en la compañía.",
 } {
  res := mustExtract(t, x, extract.Article{Text: s})
  fmt.Println(dealLine(res))
 }
}
