from cxassess.cli import main

main()
